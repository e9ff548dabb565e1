package org.oauthdropins.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.LogCapture;
import org.oauthdropins.testkit.FakeResponse;
import org.oauthdropins.testkit.FakeServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A real headless Chromium against the sandbox demo: a login, a refusal, and a login CSRF. */
class DemoChromiumTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Demo demo;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void startChromium() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!present) {
      System.out.println(
          "SKIPPED DemoChromiumTest: Debian's chromium and chromium-driver are not installed"
              + " (apt-get install chromium chromium-driver; .ci/run does this)");
    }
    assumeTrue(present, "chromium and chromium-driver are not installed");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,2400",
        "--force-device-scale-factor=1",
        "--user-data-dir=" + Files.createTempDirectory("chromium"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    demo = Demo.start("--port", "0", "--sandbox", "--db", "jdbc:h2:mem:chromium;DB_CLOSE_DELAY=-1");
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void clickGitHubApproveAndSeeTheUser() {
    driver.get("http://localhost:" + demo.port() + "/");
    driver.findElement(By.cssSelector("form[action='/github/start'] input[type=image]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("authenticated")));
    assertThat(driver.findElement(By.id("name")).getText()).isEqualTo("The Octocat");
    assertThat(driver.getCurrentUrl()).contains("auth_entity=").doesNotContain("access_token");

    driver.findElement(By.cssSelector("form[action='/github/start'] input[type=image]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("deny"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("declined")));
    assertThat(driver.getCurrentUrl()).contains("declined=true");
  }

  /**
   * The Disconnect button of a stored login: the fake GitHub revokes the grant, and the login is
   * gone from the store and from this browser's list.
   */
  @Test
  void clickDisconnectAndSeeTheLoginGone() {
    driver.get("http://localhost:" + demo.port() + "/");
    driver.findElement(By.cssSelector("form[action='/github/start'] input[type=image]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("authenticated")));
    String key = driver.getCurrentUrl().replaceAll(".*auth_entity=([^&]*).*", "$1");
    assertThat(driver.findElement(By.id("logins")).getText()).contains("on github");

    driver
        .findElement(By.cssSelector("form[action='/github/disconnect'] button.disconnect"))
        .click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("disconnected")));

    assertThat(driver.getCurrentUrl()).contains("disconnected=true");
    assertThat(driver.findElements(By.id("logins"))).isEmpty();
    assertThat(demo.store().get(org.oauthdropins.store.Key.fromUrlsafe(key))).isEmpty();
  }

  /**
   * Apple answers with a form POST from its own site. The fakes serve on 127.0.0.1, so this demo
   * serves on [::1]: two IP literals are two sites to Chromium (a site is the scheme plus the
   * registrable domain, which for an address is the address itself), so the fake's POST is
   * cross-site and Chromium leaves the SameSite=Lax browser cookie out of it, as it would on the
   * way back from appleid.apple.com. The login completes through the callback's same-site hop.
   */
  @Test
  void appleFormPostFromAnotherSiteCompletesTheLoginThroughTheSameSiteHop() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      port = free.getLocalPort();
    }
    String base = "http://[::1]:" + port;
    try (Demo v6 =
        Demo.start(
            "--port",
            String.valueOf(port),
            "--bind",
            "::1",
            "--base-url",
            base,
            "--sandbox",
            "--db",
            "jdbc:h2:mem:chromium6;DB_CLOSE_DELAY=-1")) {
      String logged =
          LogCapture.logged(
              () -> {
                driver.get(base + "/");
                driver
                    .findElement(By.cssSelector("form[action='/apple/start'] input[type=image]"))
                    .click();
                wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("authenticated")));
              });

      assertThat(logged).contains("apple form_post callback came without the browser cookie");
      assertThat(driver.getCurrentUrl()).startsWith(base + "/").contains("auth_entity=");
      assertThat(driver.findElement(By.id("site")).getText()).isEqualTo("apple");
      assertThat(driver.findElement(By.id("name")).getText()).isEqualTo("Ada Lovelace");
      assertThat(v6.store().get(org.oauthdropins.store.Key.fromUrlsafe(authEntity()))).isPresent();
    }
  }

  private String authEntity() {
    String url = driver.getCurrentUrl();
    return org.oauthdropins.internal.http.Form.decode(java.net.URI.create(url).getRawQuery())
        .get("auth_entity");
  }

  /**
   * The page as a person sees it: every button's image loads, and the buttons whose sites publish
   * button guidelines show what those ask for (Google: an outline on the white page and the
   * four-colour G; Microsoft: the four squares; Apple and GitHub: a white mark on their dark
   * button), read from the pixels Chromium drew. The screenshot stays in target/ for a person to
   * look at.
   */
  @Test
  void thePageDrawsEveryButtonAndTheGuidelinesMarksAndOutline() throws Exception {
    driver.get("http://localhost:" + demo.port() + "/");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("options")));
    @SuppressWarnings("unchecked")
    List<Object> broken =
        (List<Object>)
            ((JavascriptExecutor) driver)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + "const inputs = [...document.querySelectorAll('input[type=image]')];"
                        + "Promise.all(inputs.map(i => { const m = new Image(); m.src = i.src;"
                        + "  return m.decode().then(() => m.naturalWidth > 0 ? null : i.src,"
                        + "    () => i.src); }))"
                        + ".then(r => done(inputs.length ? r.filter(x => x) : ['no buttons']));");
    assertThat(broken).as("button images that did not load").isEmpty();
    Path shot = Path.of("target", "demo-page.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));

    BufferedImage google = drawn("#buttons form[action='/google_signin/start'] input[type=image]");
    ImageIO.write(google, "png", Path.of("target", "demo-google-button.png").toFile());
    // Across the middle, from the white page inwards: the first pixel that is not white is the
    // outline, a neutral grey (#747775), before the G's colours.
    int y = google.getHeight() / 2;
    int x = 0;
    while (x < google.getWidth() && brightness(google.getRGB(x, y)) > 245) {
      x++;
    }
    assertThat(x).as("the page is white left of the button").isLessThan(google.getWidth() / 4);
    int edge = google.getRGB(x, y);
    assertThat(pixelsNear(google.getSubimage(x, y, 1, 1), 0x747775, 60))
        .as("Google's white button has a grey outline: #%06X", edge & 0xffffff)
        .isEqualTo(1);
    assertThat(pixelsNear(google.getSubimage(x, 0, 1, google.getHeight()), 0x747775, 60))
        .as("the outline runs down the button's side")
        .isGreaterThan(google.getHeight() / 2);
    for (int colour : new int[] {0x4285F4, 0xEA4335, 0xFBBC05, 0x34A853}) {
      assertThat(pixelsNear(google, colour, 48))
          .as("Google's G has #%06X", colour)
          .isGreaterThan(4);
    }
    BufferedImage microsoft = drawn("#buttons form[action='/microsoft/start'] input[type=image]");
    for (int colour : new int[] {0xF25022, 0x7FBA00, 0x00A4EF, 0xFFB900}) {
      assertThat(pixelsNear(microsoft, colour, 48))
          .as("Microsoft's squares have #%06X", colour)
          .isGreaterThan(20);
    }
    for (String site : List.of("apple", "github")) {
      BufferedImage b = drawn("#buttons form[action='/" + site + "/start'] input[type=image]");
      assertThat(pixelsNear(b.getSubimage(0, 0, 40, b.getHeight()), 0xFFFFFF, 24))
          .as(site + "'s white mark left of its label")
          .isGreaterThan(40);
    }
  }

  /**
   * Keycloak's sandbox login, then its "Log out at keycloak" button: RP-initiated logout at the
   * fake provider (whose back-channel logout token, about the {@code id_token_hint}'s user, deletes
   * the stored login), the browser comes back through the return route to the home page without the
   * login, and a new login asks for approval again.
   */
  @Test
  void logOutAtTheOpenIdProviderEndsItsSessionAndTheLogin() {
    driver.get("http://localhost:" + demo.port() + "/");
    driver.findElement(By.cssSelector("form[action='/keycloak/start'] input[type=image]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("authenticated")));
    assertThat(driver.findElement(By.id("site")).getText()).isEqualTo("keycloak");

    driver
        .findElement(By.cssSelector("form.provider-logout[action='/keycloak/logout'] button"))
        .click();

    // Back on the home page, through the provider and the return route.
    wait.until(ExpectedConditions.urlMatches(":" + demo.port() + "/$"));
    assertThat(
            driver.findElements(By.cssSelector("form.provider-logout[action='/keycloak/logout']")))
        .isEmpty();
    assertThat(
            demo.store().logins().page(null, 100).stream()
                .filter(r -> r.site().equals("keycloak"))
                .toList())
        .isEmpty();
    driver.findElement(By.cssSelector("form[action='/keycloak/start'] input[type=image]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
    assertThat(driver.getCurrentUrl()).contains("/realms/main/protocol/openid-connect/auth");
  }

  /** A known Bluesky user's button carries the handle hidden: one click, nothing typed. */
  @Test
  void theKnownBlueskyUsersButtonLogsInWithOneClick() {
    driver.get("http://localhost:" + demo.port() + "/");
    WebElement form = driver.findElement(By.cssSelector("#options form[action='/bluesky/start']"));
    assertThat(form.findElement(By.name("handle")).getAttribute("type")).isEqualTo("hidden");
    form.findElement(By.cssSelector("input[type=image]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("authenticated")));
    assertThat(driver.findElement(By.id("site")).getText()).isEqualTo("bluesky");
  }

  /** What Chromium drew for an element, from a screenshot of it alone. */
  private BufferedImage drawn(String css) throws Exception {
    WebElement e = driver.findElement(By.cssSelector(css));
    return ImageIO.read(new ByteArrayInputStream(e.getScreenshotAs(OutputType.BYTES)));
  }

  private static int brightness(int rgb) {
    return Math.min((rgb >> 16) & 0xff, Math.min((rgb >> 8) & 0xff, rgb & 0xff));
  }

  private static int pixelsNear(BufferedImage image, int colour, int tolerance) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int d =
            Math.abs(((p >> 16) & 0xff) - ((colour >> 16) & 0xff))
                + Math.abs(((p >> 8) & 0xff) - ((colour >> 8) & 0xff))
                + Math.abs((p & 0xff) - (colour & 0xff));
        if (d <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void aFormOnAnotherSiteCannotStartALogin() {
    // 127.0.0.1 and localhost are different sites to the browser: this page is the attacker's.
    try (FakeServer evil = new FakeServer()) {
      evil.route(
          "/",
          r ->
              FakeResponse.html(
                  "<form id=f method=post action=\"http://localhost:"
                      + demo.port()
                      + "/github/start\"><input name=state value=x></form>"
                      + "<script>document.getElementById('f').submit()</script>"));
      driver.get(evil.url() + "/");
      wait.until(ExpectedConditions.urlContains("/github/start"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("pre")));
      assertThat(driver.getPageSource())
          .contains("a login must be started from a page of this site");
      assertThat(driver.getPageSource()).doesNotContain("Approve");
    }
  }
}
