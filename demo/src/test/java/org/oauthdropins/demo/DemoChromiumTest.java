package org.oauthdropins.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.LogCapture;
import org.oauthdropins.testkit.FakeResponse;
import org.oauthdropins.testkit.FakeServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
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
      assertThat(v6.store().get(org.oauthdropins.Key.fromUrlsafe(authEntity()))).isPresent();
    }
  }

  private String authEntity() {
    String url = driver.getCurrentUrl();
    return org.oauthdropins.internal.http.Form.decode(java.net.URI.create(url).getRawQuery())
        .get("auth_entity");
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
