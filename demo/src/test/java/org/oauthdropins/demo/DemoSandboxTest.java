package org.oauthdropins.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Browser;

/**
 * The demo in sandbox mode, driven by a scripted browser (cookies, redirects, plain forms, no
 * JavaScript): every site's button, through its fake's Approve and Deny, back to the demo's page.
 */
class DemoSandboxTest {

  @TempDir Path dir;

  private static URI base(Demo demo) {
    return URI.create("http://localhost:" + demo.port());
  }

  @Test
  void everySiteApprovesAndDeniesInTheSandbox() throws Exception {
    try (Demo demo =
        Demo.start("--port", "0", "--sandbox", "--db", "jdbc:h2:" + dir.resolve("db"))) {
      Browser browser = new Browser();
      Browser.Page home = browser.get(base(demo).resolve("/"));
      assertThat(home.status()).isEqualTo(200);
      assertThat(home.body()).contains("Sandbox:");
      assertThat(demo.siteNames()).contains("github");
      for (String site : demo.siteNames()) {
        String action = "/" + site + "/start";
        Browser.Page consent = browser.submitForm(home, action, Map.of());
        assertThat(consent.body()).as(site + " consent page").contains("Approve", "Deny");
        Browser.Page done = browser.click(consent, "Approve");
        assertThat(done.status()).as(site + " approve").isEqualTo(200);
        assertThat(done.url().getPath()).isEqualTo("/");
        Map<String, String> q = done.query();
        assertThat(q).as(site).containsKey("auth_entity");
        // The demo finishes the safe way: the login's key, never a token in the page URL.
        assertThat(q).as(site + " finish query").containsKey("auth_entity");
        assertThat(q.keySet())
            .as(site + " finish query")
            .doesNotContain(
                "access_token", "access_token_key", "access_token_secret", "refresh_token");
        Element authenticated = done.html().getElementById("authenticated");
        assertThat(authenticated).as(site + " shows who logged in").isNotNull();
        assertThat(done.html().getElementById("site").text()).isEqualTo(site);
        AccessToken stored =
            demo.store().get(Key.fromUrlsafe(q.get("auth_entity"))).orElseThrow().token();
        String token =
            stored instanceof AccessToken.Bearer b
                ? b.value()
                : stored instanceof AccessToken.OAuth1 o ? o.secret() : null;
        // Bluesky keeps the login's private DPoP key (a P-256 JWK) with the entity.
        assertThat(done.body())
            .as(site + " page never shows a private key")
            .doesNotContain("P-256");
        if (token != null) {
          assertThat(done.body())
              .as(site + " page never shows a whole token")
              .doesNotContain(token);
        }

        Browser.Page declined = browser.click(browser.submitForm(home, action, Map.of()), "Deny");
        if (site.equals("flickr")) {
          // Flickr's refusal lands on Flickr's home page; the user finds their own way back.
          assertThat(declined.url().getPath()).isEqualTo("/");
          assertThat(declined.url().getPort()).isNotEqualTo(demo.port());
          declined = browser.follow(declined, "Back to the app");
        }
        if (site.equals("misskey")) {
          // Misskey's refusal stays on Misskey; the user comes back by the app's callback.
          assertThat(declined.url().getPath()).startsWith("/miauth/");
          declined = browser.follow(declined, "Back to the app");
        }
        assertThat(declined.query()).as(site + " deny").containsEntry("declined", "true");
        assertThat(declined.html().getElementById("declined")).isNotNull();
      }
      Browser.Page after = browser.get(base(demo).resolve("/"));
      // The signed logins cookie keeps the ten most recent, to stay well under 4 KB.
      assertThat(after.html().select("#logins li")).hasSize(Math.min(10, demo.siteNames().size()));
    }
  }

  /** The app-password form signs the browser in as every other login does. */
  @Test
  void blueskyAppPasswordFormSignsTheBrowserIn() throws Exception {
    try (Demo demo =
        Demo.start("--port", "0", "--sandbox", "--db", "jdbc:h2:" + dir.resolve("password"))) {
      Browser browser = new Browser();
      Browser.Page home = browser.get(base(demo).resolve("/"));
      Browser.Page done = browser.click(home, "Sign in with an app password");

      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(done.url().getPath()).isEqualTo("/");
      assertThat(done.query()).containsKey("auth_entity");
      assertThat(done.html().getElementById("authenticated")).as(done.body()).isNotNull();
      assertThat(done.html().getElementById("site").text()).isEqualTo("bluesky");
      assertThat(done.html().select("#logins li")).hasSize(1);
    }
  }

  /**
   * Each of the Python library's button options on the demo's page, clicked through the sandbox:
   * the outer classes around every button, extra scopes that reach the fake's consent page, extra
   * form content whose state comes back, a known Bluesky user's hidden handle, another image.
   */
  @Test
  void eachButtonOptionOnThePageWorksInTheSandbox() throws Exception {
    try (Demo demo =
        Demo.start("--port", "0", "--sandbox", "--db", "jdbc:h2:mem:options;DB_CLOSE_DELAY=-1")) {
      Browser browser = new Browser();
      Browser.Page home = browser.get(base(demo).resolve("/"));
      assertThat(home.html().select("#buttons > div.cell > form.oauth-dropins-button"))
          .hasSize(demo.siteNames().size());
      Element options = home.html().getElementById("options");

      Browser.Page scoped =
          submit(browser, home, options.selectFirst("form:has(input[name=scope])"));
      assertThat(scoped.html().getElementById("scope").text().split("[ ,]"))
          .contains("read:org", "read:project");
      assertThat(browser.click(scoped, "Approve").html().getElementById("site").text())
          .isEqualTo("github");

      Browser.Page withState =
          browser.click(submit(browser, home, options.selectFirst("form.boxed")), "Approve");
      assertThat(withState.query()).containsEntry("state", HomePage.DEMO_STATE);
      assertThat(withState.html().getElementById("state").text()).isEqualTo(HomePage.DEMO_STATE);

      Element known = options.selectFirst("form[action='/bluesky/start']");
      assertThat(known.select("input[name=handle]")).hasSize(1);
      assertThat(known.selectFirst("input[name=handle]").attr("type")).isEqualTo("hidden");
      Browser.Page bluesky = browser.click(submit(browser, home, known), "Approve");
      assertThat(bluesky.html().getElementById("site").text()).isEqualTo("bluesky");
      assertThat(bluesky.html().getElementById("name").text()).isEqualTo("alice.test");

      Element icon = options.selectFirst("form[action='/google_signin/start'] input[type=image]");
      assertThat(icon.attr("style")).contains("border-radius");
      Browser.Page image = browser.get(URI.create(icon.absUrl("src")));
      assertThat(image.status()).isEqualTo(200);
      assertThat(image.body()).startsWith("<svg").contains("#4285F4");
    }
  }

  /** Submits one form of a page, as a click on its button would. */
  private static Browser.Page submit(Browser browser, Browser.Page page, Element form) {
    Browser.Page alone =
        new Browser.Page(page.status(), page.url(), form.outerHtml(), page.redirects());
    return browser.submitForm(alone, form.attr("action"), Map.of());
  }

  @Test
  void aSiteThatDeclaresNoIndieAuthServerSignsInThroughTheSandboxsHostedService() throws Exception {
    try (Demo demo =
        Demo.start("--port", "0", "--sandbox", "--db", "jdbc:h2:mem:hosted;DB_CLOSE_DELAY=-1")) {
      Browser browser = new Browser();
      Browser.Page home = browser.get(base(demo).resolve("/"));
      Element hint = home.html().getElementById("indieauth-fallback");
      assertThat(hint).as("the page says which site to type").isNotNull();
      String carol = hint.selectFirst("code").text();

      Browser.Page consent = browser.submitForm(home, "/indieauth/start", Map.of("me", carol));
      assertThat(consent.url().getPath()).isEqualTo("/hosted/auth");
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.status()).isEqualTo(200);
      assertThat(done.html().getElementById("name").text()).isEqualTo("Carol Plain");
    }
  }

  @Test
  void aLoginIsShownAgainAfterARestart() throws Exception {
    String db = "jdbc:h2:" + dir.resolve("restart");
    String key;
    String name;
    Browser browser = new Browser();
    try (Demo demo = Demo.start("--port", "0", "--sandbox", "--db", db)) {
      Browser.Page home = browser.get(base(demo).resolve("/"));
      Browser.Page done =
          browser.click(browser.submitForm(home, "/github/start", Map.of()), "Approve");
      key = done.query().get("auth_entity");
      name = done.html().getElementById("name").text();
      assertThat(name).isEqualTo("The Octocat");
    }
    try (Demo demo = Demo.start("--port", "0", "--sandbox", "--db", db)) {
      Browser.Page again = browser.get(base(demo).resolve("/?auth_entity=" + key));
      assertThat(again.html().getElementById("name").text()).isEqualTo(name);
      assertThat(again.html().getElementById("entity").text())
          .contains("\"kind\" : \"GitHubAuth\"");
      // A key is no proof: another browser that types it sees nothing of the login.
      Browser.Page stranger = new Browser().get(base(demo).resolve("/?auth_entity=" + key));
      assertThat(stranger.html().getElementById("authenticated")).isNull();
      assertThat(stranger.body()).doesNotContain(name).contains("No login of this browser");
    }
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX permissions")
  void theEmbeddedDatabaseFolderIsReadableByItsOwnerOnly() throws Exception {
    // The demo's default store: JdbcStore.embedded in ./data, here in a folder of the test's.
    Path data = dir.resolve("data");
    try (Demo demo = Demo.start("--port", "0", "--sandbox", "--data", data.toString())) {
      Browser browser = new Browser();
      Browser.Page home = browser.get(base(demo).resolve("/"));
      Browser.Page done =
          browser.click(browser.submitForm(home, "/github/start", Map.of()), "Approve");
      Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
      assertThat(demo.store().get(key)).isPresent();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files.toList())
          .isNotEmpty()
          .allSatisfy(
              f ->
                  assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                      .as(f.toString())
                      .isEqualTo("rw-------"));
    }
  }

  @Test
  void logoutRemovesTheLoginFromThisBrowser() throws Exception {
    try (Demo demo =
        Demo.start("--port", "0", "--sandbox", "--db", "jdbc:h2:mem:logout;DB_CLOSE_DELAY=-1")) {
      Browser browser = new Browser();
      Browser.Page home = browser.get(base(demo).resolve("/"));
      Browser.Page done =
          browser.click(browser.submitForm(home, "/github/start", Map.of()), "Approve");
      assertThat(done.html().select("#logins li")).hasSize(1);
      Browser.Page out = browser.click(done, "Log out");
      assertThat(out.html().select("#logins li")).isEmpty();
    }
  }

  @Test
  void badAuthEntityAndBadLogoutAreHandled() throws Exception {
    try (Demo demo =
        Demo.start("--port", "0", "--sandbox", "--db", "jdbc:h2:mem:bad;DB_CLOSE_DELAY=-1")) {
      Browser browser = new Browser();
      Browser.Page page = browser.get(base(demo).resolve("/?auth_entity=garbage!!"));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("No login of this browser has that auth_entity");
      Browser.Page logout = browser.post(base(demo).resolve("/logout"), Map.of("key", "***"));
      assertThat(logout.status()).isEqualTo(400);
    }
  }

  @Test
  void blueskyClientMetadataIsServedAtItsClientId() throws Exception {
    try (Demo demo =
        Demo.start("--port", "0", "--sandbox", "--db", "jdbc:h2:mem:meta;DB_CLOSE_DELAY=-1")) {
      Browser.Page page = new Browser().get(base(demo).resolve("/bluesky/client-metadata.json"));
      assertThat(page.status()).isEqualTo(200);
      var json = org.oauthdropins.internal.http.Json.parse(page.body());
      assertThat(json.path("client_id").asText())
          .isEqualTo(base(demo) + "/bluesky/client-metadata.json");
      assertThat(json.path("dpop_bound_access_tokens").asBoolean()).isTrue();
      assertThat(json.path("redirect_uris").get(0).asText())
          .isEqualTo(base(demo) + "/bluesky/oauth_callback");
    }
  }

  @Test
  void aVisitorOnLocalhostIsMovedTo127001BeforeAnyLoginStarts() throws Exception {
    try (Demo demo =
        Demo.start("--port", "0", "--sandbox", "--db", "jdbc:h2:mem:move;DB_CLOSE_DELAY=-1")) {
      Browser.Page home = new Browser().get(base(demo).resolve("/?x=1"));
      assertThat(home.status()).isEqualTo(200);
      assertThat(home.url()).isEqualTo(URI.create("http://127.0.0.1:" + demo.port() + "/?x=1"));
      assertThat(home.html().select("form[action='/bluesky/start']")).isNotEmpty();
    }
  }

  @Test
  void mastodonTakesAHandleInTheInstanceUrlAndRemakesRegistrationsOlderThanTheSetting()
      throws Exception {
    Instant validAfter = Instant.now();
    try (Demo demo =
        Demo.start(
            "--port",
            "0",
            "--sandbox",
            "--db",
            "jdbc:h2:mem:regs;DB_CLOSE_DELAY=-1",
            "--registrations-valid-after",
            validAfter.toString())) {
      Browser browser = new Browser();
      Browser.Page home = browser.get(base(demo).resolve("/"));
      String instance =
          home.html()
              .selectFirst("form[action='/mastodon/start'] input[name=instance]")
              .attr("value");
      // A registration from before the setting (made for another base URL, say), which the fake
      // instance does not know.
      AppRegistration stale =
          new AppRegistration(
              "mastodon",
              instance,
              "client-of-before",
              "secret-of-before",
              "{\"registered_redirect_uri\":\""
                  + base(demo).resolve("/mastodon/oauth_callback")
                  + "\",\"registered_scopes\":[\"read:accounts\"]}",
              null);
      demo.store().putAppIfAbsent(stale);
      demo.store()
          .replaceApp(
              "client-of-before",
              new AppRegistration(
                  stale.site(),
                  stale.instance(),
                  stale.clientId(),
                  stale.clientSecret(),
                  stale.dataJson(),
                  validAfter.minus(Duration.ofDays(30))));

      // The handle inside the URL, as users paste it: the instance is the host.
      String handle = "http://@alice@" + URI.create(instance).getRawAuthority();
      Browser.Page consent =
          browser.submitForm(home, "/mastodon/start", Map.of("instance", handle));
      assertThat(consent.status()).as(consent.body()).isEqualTo(200);
      assertThat(consent.query().get("client_id")).isNotEqualTo("client-of-before");
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.query()).containsKey("auth_entity");
      assertThat(done.html().getElementById("site").text()).isEqualTo("mastodon");
      assertThat(demo.store().getApp("mastodon", instance).orElseThrow().clientId())
          .isEqualTo(consent.query().get("client_id"));
    }
  }

  @Test
  void unknownOptionsAreRefusedClearly() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoOptions.parse("--prot", "1"))
        .hasMessageContaining("unknown option --prot")
        .hasMessageContaining("usage:");
    // With --db, --data is where the key file that seals the tokens is kept.
    assertThat(DemoOptions.parse("--db", "jdbc:postgresql://db/x", "--data", "elsewhere").data())
        .isEqualTo(Path.of("elsewhere"));
    assertThat(DemoOptions.USAGE).contains("OAUTH_DROPINS_KEYS").contains("oauth-dropins.keys");
  }
}
