package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.pixelfed.Pixelfed;
import org.oauthdropins.sites.pixelfed.PixelfedAuth;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** The whole Pixelfed login over loopback HTTP, against the fake Pixelfed instance. */
class PixelfedFlowTest {

  private FakePixelfed pixelfed;
  private TestApp app;
  private OAuth2Site<PixelfedAuth> site;
  private final Browser browser = new Browser();
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void setUp() {
    pixelfed = new FakePixelfed();
    site = Pixelfed.builder(pixelfed.options()).clock(clock).build();
    app = TestApp.withTokensInFinish(new MemoryStore(clock)).clock(clock).mount(site);
  }

  @AfterEach
  void tearDown() {
    app.close();
    pixelfed.close();
  }

  private Browser.Page start(String state) {
    return browser.post(
        app.url("/pixelfed/start"),
        Map.of("instance", pixelfed.startParams().get("instance"), "state", state));
  }

  @Test
  void approveStoresTheAccountWithExpiringTokens() {
    Browser.Page consent = start("st");
    assertThat(consent.query())
        .containsEntry("scope", "read")
        .containsEntry("client_id", pixelfed.credentials().clientId());
    assertThat(pixelfed.credentials().clientId()).matches("\\d+");

    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.query()).containsEntry("state", "st").containsKey("access_token");
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    assertThat(key)
        .isEqualTo(new Key("PixelfedAuth", "@alice@" + pixelfed.url().getRawAuthority()));
    PixelfedAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.actorId()).isEqualTo(pixelfed.url() + "/users/alice");
    assertThat(auth.instance()).isEqualTo(pixelfed.url().toString());
    assertThat(auth.refreshToken()).isNotNull();
    assertThat(auth.record().expiresAt()).isNotNull();
    assertThat(auth.api("/api/v1/accounts/verify_credentials").status()).isEqualTo(200);
  }

  @Test
  void anExpiredTokenIsRefreshedWithTheInstancesAppAndWrittenBack() {
    Browser.Page done = browser.click(start("st"), "Approve");
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    PixelfedAuth auth = site.load(app.store(), key).orElseThrow();
    var before = app.store().get(key).orElseThrow();

    pixelfed.expireAccessTokens();
    assertThat(auth.api("/api/v1/accounts/verify_credentials").status()).isEqualTo(200);

    var after = app.store().get(key).orElseThrow();
    assertThat(after.token()).isNotEqualTo(before.token()).isEqualTo(auth.accessToken());
    // Passport's refresh tokens are single use: the old one is spent, the new one is stored.
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(after.created()).isEqualTo(before.created());
  }

  @Test
  void aLoginInTheShapeThePythonLibraryStoresRefreshesWithTheRegistrationItNames() {
    // Issue 28 #5: a login names the registration its tokens were issued to (the Datastore store
    // reads it from a Python entity's `app` key), with the instance in Python's form.
    Browser.Page done = browser.click(start("st"), "Approve");
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    String instance = pixelfed.url().toString();
    AppRegistration made = app.store().getApp("pixelfed", instance).orElseThrow();
    AuthRecord login = app.store().get(key).orElseThrow();
    ObjectNode python = Json.object();
    python.put("instance", instance + "/");
    python.put("app", "PixelfedApp:7");
    python.put("client_id", made.clientId());
    app.store().put(login.withExtraJson(python.toString()));

    PixelfedAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.instance()).isEqualTo(instance);
    pixelfed.expireAccessTokens();
    assertThat(auth.api("/api/v1/accounts/verify_credentials").status()).isEqualTo(200);
    assertThat(app.store().get(key).orElseThrow().refreshToken())
        .isNotEqualTo(login.refreshToken());
  }

  @Test
  void aLoginWhoseRegistrationTheStoreNoLongerHasIsNotRefreshedWithAnother() throws Exception {
    Browser.Page done = browser.click(start("st"), "Approve");
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    String instance = pixelfed.url().toString();
    AppRegistration made = app.store().getApp("pixelfed", instance).orElseThrow();
    // Another server of the fleet registered anew and replaced it: its client never got this
    // login's refresh token, and the instance refuses that token from any other client.
    AppRegistration other = registerDirectly(instance);
    assertThat(app.store().replaceApp(made.clientId(), other)).isPresent();

    PixelfedAuth auth = site.load(app.store(), key).orElseThrow();
    pixelfed.expireAccessTokens();
    assertThatThrownBy(() -> auth.api("/api/v1/accounts/verify_credentials"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("registration this login was made with");
  }

  /** A registration made at the fake by someone else, as another server of a fleet would. */
  private static AppRegistration registerDirectly(String instance) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(instance + "/api/v1/apps"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "client_name=other&redirect_uris=https%3A%2F%2Fother.example%2Fcb"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    var json = Json.parse(r.body());
    return new AppRegistration(
        "pixelfed",
        instance,
        Json.text(json, "client_id"),
        Json.text(json, "client_secret"),
        "{}",
        null);
  }

  @Test
  void theRegistrationIsReusedAcrossLogins() {
    browser.click(start("a"), "Approve");
    browser.click(start("b"), "Approve");
    assertThat(pixelfed.registrations()).isEqualTo(1);
  }

  @Test
  void invalidClientAtTheTokenRequestMeansRegisteringAgainOnlyWhenTheInstanceConfirmsIt() {
    browser.click(start("a"), "Approve");
    // One invalid_client that the instance does not confirm: the registration stays.
    pixelfed.failNextToken(
        FakeResponse.json(401, Map.of("error", "invalid_client", "error_description", "gone")));
    Browser.Page failed = browser.click(start("b"), "Approve");
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.body()).contains("refused this app's login");
    assertThat(browser.click(start("c"), "Approve").query()).containsEntry("state", "c");
    assertThat(pixelfed.registrations()).isEqualTo(1);

    // Pixelfed cannot check an app before the login, so a forgotten app shows at the token
    // request; once the instance confirms it, the next start registers again (after the hour).
    pixelfed.forgetAppsAtNextToken();
    Browser.Page gone = browser.click(start("d"), "Approve");
    assertThat(gone.body()).contains("no longer knows this app");
    clock.advance(Duration.ofMinutes(61));
    Browser.Page ok = browser.click(start("e"), "Approve");
    assertThat(ok.query()).containsEntry("state", "e");
    assertThat(pixelfed.registrations()).isEqualTo(2);
  }

  @Test
  void granularMastodonScopesAreRefused() {
    Browser.Page page =
        browser.post(
            app.url("/pixelfed/start"),
            Map.of("instance", pixelfed.url().toString(), "scope", "read:accounts"));
    // Not among the scopes the app allows: refused before anything reaches the instance.
    assertThat(page.status()).isEqualTo(400);
    assertThat(pixelfed.registrations()).isZero();

    Site<?> allowing =
        Pixelfed.builder(pixelfed.options()).scopes(List.of("read:accounts")).build();
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(allowing)) {
      Browser.Page refused =
          browser.post(
              other.url("/pixelfed/start"),
              Map.of("instance", pixelfed.url().toString(), "scope", "read:accounts"));
      // The app allowed it, the instance does not know it: it redirects back with invalid_scope.
      assertThat(refused.status()).isEqualTo(502);
      assertThat(refused.body()).contains("invalid_scope");
    }
  }

  @Test
  void instanceWithOAuthOffIs400() {
    pixelfed.disableOAuth();
    Browser.Page page = start("s");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("does not let apps register");
  }

  @Test
  void aMastodonInstanceIsNotPixelfed() {
    try (FakeMastodon mastodon = new FakeMastodon()) {
      Browser.Page page =
          browser.post(app.url("/pixelfed/start"), Map.of("instance", mastodon.url().toString()));
      assertThat(page.status()).isEqualTo(400);
      assertThat(page.body()).contains("doesn't look like a Pixelfed instance");
    }
  }
}
