package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * The OAuth 2 engine against a strict RFC 6749 server: client_secret_basic, JSON answers, expiring
 * tokens and rotating refresh tokens, refreshed tokens written back to the store.
 */
class OAuth2EngineFlowTest {

  private final FakeServer server = new FakeServer();
  private final Credentials creds = new Credentials("my client", "p@ss:w/rd");
  private final MemoryStore store = new MemoryStore();
  private TestApp app;

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
    server.close();
  }

  /** The authorization server the test started, where the app registers its callback. */
  private FakeOAuth2 current;

  /** Mounts a site in a new app, its callback registered with the current server. */
  private TestApp mount(OAuth2Site<AuthEntity> site) {
    app = TestApp.withTokensInFinish(store).mount(site);
    current.registerRedirectUri(app.callbackUrl(site));
    return app;
  }

  private FakeOAuth2 fake(Long expiresIn) {
    FakeOAuth2.Config standard = FakeOAuth2.Config.standard("Example", "/authorize", "/token");
    FakeOAuth2.Config config =
        new FakeOAuth2.Config(
            standard.site(),
            standard.authorizePath(),
            standard.tokenPath(),
            Set.of(ClientAuth.BASIC),
            false,
            false,
            standard.declineParams(),
            "tok_",
            expiresIn,
            true,
            true);
    FakeOAuth2 oauth =
        new FakeOAuth2(server, config, creds, Json.parse("{\"id\":\"42\",\"name\":\"Ada\"}"));
    current = oauth;
    server.route(
        "/me",
        r ->
            oauth
                .user(r)
                .map(u -> FakeResponse.json(200, u))
                .orElse(FakeResponse.json(401, Map.of("error", "invalid_token"))));
    return oauth;
  }

  private OAuth2Site<AuthEntity> site() {
    return OAuth2Site.builder("example", "ExampleAuth")
        .button(Button.of("Example", "#000", "#fff"))
        .credentials(creds)
        .authorizeUrl(server.url().resolve("/authorize"))
        .tokenUrl(server.url().resolve("/token"))
        .clientAuth(ClientAuth.BASIC)
        .defaultScopes(java.util.List.of("read"))
        .profile(ProfileLoader.bearerGet("example", server.url().resolve("/me")))
        .keyId(u -> Json.text(u, "id"))
        .build();
  }

  private AuthEntity login(OAuth2Site<AuthEntity> site) {
    mount(site);
    Browser browser = new Browser();
    Browser.Page consent =
        browser.post(app.url("/example/start"), Map.of("scope", "write,read profile"));
    assertThat(consent.query()).containsEntry("scope", "read write profile");
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.query()).containsKeys("access_token", "refresh_token");
    return site.load(store, Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
  }

  @Test
  void a401IsRefreshedOnceAndTheNewTokensAreStored() {
    FakeOAuth2 oauth = fake(3600L);
    OAuth2Site<AuthEntity> site = site();
    AuthEntity auth = login(site);
    AuthRecord before = store.get(auth.key()).orElseThrow();

    oauth.expireAccessTokens();
    var me = auth.get(server.url() + "/me");

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("name").asText()).isEqualTo("Ada");
    AuthRecord after = store.get(auth.key()).orElseThrow();
    assertThat(after.token()).isNotEqualTo(before.token());
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(after.token()).isEqualTo(auth.accessToken());
    assertThat(after.created()).isEqualTo(before.created());
  }

  @Test
  void anExpiredTokenIsRefreshedBeforeUse() {
    fake(1L);
    AuthEntity auth = login(site());
    AccessToken first = auth.accessToken();
    sleep(1100);
    var me = auth.get(server.url() + "/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(auth.accessToken()).isNotEqualTo(first);
    assertThat(store.get(auth.key()).orElseThrow().token()).isEqualTo(auth.accessToken());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aRefusedRefreshIsA502AndKeepsTheStoredTokens() {
    FakeOAuth2 oauth = fake(3600L);
    AuthEntity auth = login(site());
    AuthRecord before = store.get(auth.key()).orElseThrow();
    oauth.failNextToken(FakeResponse.json(400, Map.of("error", "invalid_grant")));
    org.assertj.core.api.Assertions.assertThatThrownBy(auth::refresh)
        .isInstanceOf(org.oauthdropins.errors.ProviderException.class)
        .hasMessageContaining("invalid_grant");
    assertThat(store.get(auth.key()).orElseThrow()).isEqualTo(before);
  }

  @Test
  void pkceIsRequiredAndVerifiedByTheServer() {
    fake(3600L);
    OAuth2Site<AuthEntity> noPkce =
        OAuth2Site.builder("example", "ExampleAuth")
            .button(Button.of("Example", "#000", "#fff"))
            .credentials(creds)
            .authorizeUrl(server.url().resolve("/authorize"))
            .tokenUrl(server.url().resolve("/token"))
            .pkce(false)
            .profile(ProfileLoader.bearerGet("example", server.url().resolve("/me")))
            .keyId(u -> Json.text(u, "id"))
            .build();
    mount(noPkce);
    Browser.Page done = new Browser().post(app.url("/example/start"), Map.of());
    // The server refuses, and the error comes back through the callback as a 502.
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("invalid_request");
  }

  @Test
  void aDeclaredCallbackParameterReachesTheCodeExchangeIsKeptAndIsSentWithEveryRefresh() {
    FakeOAuth2 oauth = fake(3600L);
    // The server names the login's device in its callback and wants it back at its token endpoint.
    oauth.approvalFields((user, request) -> Map.of("device_id", "dev-7"));
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    oauth.tokenGuard(
        r -> {
          seen.add(r.param("grant_type").orElse("") + ":" + r.param("device_id").orElse("-"));
          return r.param("device_id").filter("dev-7"::equals).isPresent()
              ? null
              : FakeResponse.json(400, Map.of("error", "invalid_request"));
        });
    OAuth2Site<AuthEntity> site = deviceSite();
    Browser.Page done = approve(site);
    AuthEntity auth =
        site.load(store, Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();

    assertThat(auth.extra().path("callback_params").path("device_id").asText()).isEqualTo("dev-7");
    oauth.expireAccessTokens();
    assertThat(auth.get(server.url() + "/me").status()).isEqualTo(200);
    assertThat(seen).containsExactly("authorization_code:dev-7", "refresh_token:dev-7");
  }

  @Test
  void aCallbackWithoutADeclaredParameterIsA400AndRedeemsNothing() {
    FakeOAuth2 oauth = fake(3600L);
    java.util.concurrent.atomic.AtomicInteger tokenRequests =
        new java.util.concurrent.atomic.AtomicInteger();
    oauth.tokenGuard(
        r -> {
          tokenRequests.incrementAndGet();
          return null;
        });
    OAuth2Site<AuthEntity> site = deviceSite();
    Browser.Page done = approve(site);

    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("device_id");
    assertThat(tokenRequests.get()).isZero();
  }

  /** A site whose server wants its callback's {@code device_id} back with every token request. */
  private OAuth2Site<AuthEntity> deviceSite() {
    return OAuth2Site.builder("example", "ExampleAuth")
        .button(Button.of("Example", "#000", "#fff"))
        .credentials(creds)
        .authorizeUrl(server.url().resolve("/authorize"))
        .tokenUrl(server.url().resolve("/token"))
        .callbackParams("device_id")
        .profile(ProfileLoader.bearerGet("example", server.url().resolve("/me")))
        .keyId(u -> Json.text(u, "id"))
        .build();
  }

  /** Starts a login at a newly mounted site and approves it, ending where the callback sends. */
  private Browser.Page approve(OAuth2Site<AuthEntity> site) {
    mount(site);
    Browser browser = new Browser();
    return browser.click(browser.post(app.url("/example/start"), Map.of()), "Approve");
  }
}
