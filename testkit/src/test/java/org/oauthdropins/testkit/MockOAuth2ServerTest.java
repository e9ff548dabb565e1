package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * The generic OpenID Connect site against NAV's mock-oauth2-server, an independent implementation
 * (nimbus oauth2-oidc-sdk underneath) that we did not write: discovery, PKCE, nonce, signature,
 * userinfo all have to agree with someone else's reading of the specs.
 */
class MockOAuth2ServerTest {

  private MockOAuth2Server server;
  private TestApp app;
  private Site<OidcAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    server = new MockOAuth2Server();
    server.start();
    site =
        Oidc.create(
            "mock",
            server.issuerUrl("default").toString(),
            SiteOptions.defaults().withCredentials(new Credentials("my-client", "my-secret")));
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site);
  }

  @AfterEach
  void tearDown() {
    app.close();
    server.shutdown();
  }

  @Test
  void loginAgainstAnIndependentServerStoresTheUser() {
    server.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default",
            "user-1234",
            "JWT",
            List.of("my-client"),
            Map.of("name", "Mock User", "email", "mock@example.com"),
            3600));

    // mock-oauth2-server approves without a consent page, so the browser comes straight back.
    Browser.Page done = browser.post(app.url("/mock/start"), Map.of("state", "st"));

    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsEntry("state", "st").containsKey("access_token");
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    assertThat(key).isEqualTo(new Key("MockAuth", "user-1234"));
    OidcAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth).isInstanceOf(OidcAuth.class);
    assertThat(auth.idTokenClaims().path("iss").asText())
        .isEqualTo(server.issuerUrl("default").toString());
    assertThat(auth.idTokenClaims().path("nonce").asText()).isNotEmpty();
    assertThat(auth.get(server.userInfoUrl("default").toString()).status()).isEqualTo(200);
  }

  @Test
  void expiredIdTokenIsRefused() {
    // The server's own token lifetime, set to an hour in the past.
    server.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default", "user-1234", "JWT", List.of("my-client"), Map.of(), -3600));
    Browser.Page done = browser.post(app.url("/mock/start"), Map.of("state", "st"));
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("ID token has expired");
    assertThat(app.store().get(new Key("MockAuth", "user-1234"))).isEmpty();
  }
}
