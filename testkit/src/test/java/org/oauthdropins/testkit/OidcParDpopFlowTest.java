package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Button;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.Steps.When;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.internal.dpop.DpopKey;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.google.Google;
import org.oauthdropins.sites.google.GoogleUser;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Pushed authorization requests (RFC 9126) and DPoP-bound tokens (RFC 9449) for OpenID Connect
 * sites, over loopback HTTP against a {@link FakeOidc} that checks both as a real provider does:
 * the generic site from discovery alone, and Google (a named site with fixed endpoints) when the
 * app asks. A login pushes its request, binds its tokens to a key of its own, and its stored
 * login's userinfo call and refresh prove that key; a site whose step is off fails against a
 * provider that requires it.
 */
class OidcParDpopFlowTest {

  private static final Key GRACE = new Key("SandboxAuth", "f1b2c3d4-0000-4000-8000-00000000abcd");
  private static final String USERINFO = "/realms/sandbox/protocol/openid-connect/userinfo";

  private FakeOidc provider;
  private TestApp app;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    provider = FakeOidc.standalone(true);
  }

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
    provider.close();
  }

  private Site<OidcAuth> mount(When par, When dpop) {
    Site<OidcAuth> site =
        Oidc.builder(
                "sandbox",
                "SandboxAuth",
                provider.issuer(),
                provider.credentials(),
                provider.options().transport())
            .button(Button.of("Sandbox", "#000", "#fff"))
            .par(par)
            .dpop(dpop)
            .build();
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, provider);
    return site;
  }

  private Browser.Page start() {
    return browser.post(app.url("/sandbox/start"), Map.of("state", "s"));
  }

  @Test
  void discoveryReadsTheParEndpointItsRequirementAndTheDpopAlgorithms() {
    provider.pushedAuthorizationRequests(true).dpop(false);
    OidcProvider p = OidcProvider.discover(provider.issuer(), GuardedTransport.localDevelopment());
    assertThat(p.parEndpoint()).isEqualTo(URI.create(provider.issuer() + "/par"));
    assertThat(p.parRequired()).isTrue();
    assertThat(p.dpopAlgs()).isEqualTo(Set.of("ES256"));
    assertThat(p.dpopSupported()).isTrue();

    try (FakeOidc plain = FakeOidc.standalone(true)) {
      OidcProvider q = OidcProvider.discover(plain.issuer(), GuardedTransport.localDevelopment());
      assertThat(q.parEndpoint()).isNull();
      assertThat(q.parRequired()).isFalse();
      assertThat(q.dpopSupported()).isFalse();
    }
  }

  @Test
  void theGenericSiteLogsInWithParAndDpopAndItsLoginSignsUserinfoAndRefresh() throws Exception {
    provider.pushedAuthorizationRequests(true).dpop(true);
    // PAR by default, because discovery says the provider requires it; DPoP as the app asks.
    Site<OidcAuth> site = mount(When.IF_REQUIRED, When.ALWAYS);

    Browser.Page consent = start();
    // The browser carries nothing but the client id and the reference to the pushed request.
    assertThat(consent.query().keySet()).containsExactlyInAnyOrder("client_id", "request_uri");
    assertThat(provider.oauth().pushedRequests()).isEqualTo(1);
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.url().getPath()).as(done.body()).isEqualTo("/after");
    // The provider asked for its nonce (RFC 9449 §8) and the library answered with it.
    assertThat(provider.oauth().dpopNonceErrors()).isPositive();

    AuthRecord stored = app.store().get(GRACE).orElseThrow();
    String token = ((AccessToken.Bearer) stored.token()).value();
    String jkt = provider.oauth().boundKey(token);
    // Bound to the key the login keeps, which its API calls and refreshes prove.
    String jwk = Json.text(Json.parse(stored.extraJson()), CodeFlowPipeline.DPOP_KEY);
    assertThat(jkt).as("a DPoP-bound token").isEqualTo(DpopKey.fromJson(jwk).thumbprint());
    OidcAuth auth = site.load(app.store(), GRACE).orElseThrow();
    assertThat(auth.userDisplayName()).isEqualTo("Grace Hopper");

    HttpResult me = auth.get(provider.url() + USERINFO);
    assertThat(me.status()).as(me.text()).isEqualTo(200);
    // The same token without a proof is refused: the call above proved the login's key.
    assertThat(bearerCall(provider.url() + USERINFO, token)).isEqualTo(401);

    // A refresh proves the same key and gets a token bound to it.
    provider.oauth().rotateDpopNonce();
    provider.oauth().expireAccessTokens();
    int refreshes = provider.oauth().refreshCount();
    HttpResult again = site.load(app.store(), GRACE).orElseThrow().get(provider.url() + USERINFO);
    assertThat(again.status()).as(again.text()).isEqualTo(200);
    assertThat(provider.oauth().refreshCount()).isEqualTo(refreshes + 1);
    String renewed = ((AccessToken.Bearer) app.store().get(GRACE).orElseThrow().token()).value();
    assertThat(renewed).isNotEqualTo(token);
    assertThat(provider.oauth().boundKey(renewed)).isEqualTo(jkt);
  }

  @Test
  void withParRequiredAndTheParStepOffTheLoginFails() {
    provider.pushedAuthorizationRequests(true);
    mount(When.NEVER, When.NEVER);
    Browser.Page page = start();
    assertThat(page.status()).as(page.body()).isEqualTo(502);
    assertThat(page.body()).contains("pushed authorization requests");
    assertThat(provider.oauth().pushedRequests()).isZero();
    assertThat(app.store().get(GRACE)).isEmpty();
  }

  @Test
  void anAppThatAsksForParIsNeverSentOnWithoutItWhereTheServerHasNoParEndpoint() {
    try (FakeGoogle google = new FakeGoogle()) {
      OAuth2Site<GoogleUser> site =
          Google.builder("google_signin", "GoogleUser", google.options()).par(When.ALWAYS).build();
      try (TestApp g = TestApp.withTokensInFinish(new MemoryStore()).mount(site, google)) {
        Browser.Page page = browser.post(g.url("/google_signin/start"), Map.of());
        assertThat(page.status()).as(page.body()).isEqualTo(502);
        assertThat(page.body()).contains("no pushed authorization request endpoint");
        assertThat(google.oauth().pushedRequests()).isZero();
      }
    }
  }

  @Test
  void withDpopRequiredAndTheDpopStepOffTheLoginFails() {
    provider.dpop(true);
    mount(When.IF_REQUIRED, When.NEVER);
    Browser.Page done = browser.click(start(), "Approve");
    assertThat(done.status()).as(done.body()).isEqualTo(502);
    assertThat(done.body()).contains("invalid_dpop_proof");
    assertThat(app.store().get(GRACE)).isEmpty();
  }

  @Test
  void dpopIfRequiredLearnsTheRequirementFromTheTokenEndpoint() {
    provider.dpop(true);
    // Without PAR, so the first proof the provider sees is at the token endpoint.
    Site<OidcAuth> site = mount(When.NEVER, When.IF_REQUIRED);
    Browser.Page done = browser.click(start(), "Approve");
    assertThat(done.url().getPath()).as(done.body()).isEqualTo("/after");
    String token = ((AccessToken.Bearer) app.store().get(GRACE).orElseThrow().token()).value();
    assertThat(provider.oauth().boundKey(token)).isNotNull();
    HttpResult me = site.load(app.store(), GRACE).orElseThrow().get(provider.url() + USERINFO);
    assertThat(me.status()).as(me.text()).isEqualTo(200);
  }

  @Test
  void dpopIfRequiredStaysBearerWhereTheProviderDoesNotRequireIt() {
    provider.pushedAuthorizationRequests(false).dpop(false);
    mount(When.IF_REQUIRED, When.IF_REQUIRED);
    Browser.Page consent = start();
    // Neither required: the request goes through the browser as always, and the token is Bearer.
    assertThat(consent.query()).containsKey("code_challenge").doesNotContainKey("request_uri");
    browser.click(consent, "Approve");
    String token = ((AccessToken.Bearer) app.store().get(GRACE).orElseThrow().token()).value();
    assertThat(provider.oauth().boundKey(token)).isNull();
    assertThat(provider.oauth().pushedRequests()).isZero();
  }

  @Test
  void googleANamedSiteLogsInWithParAndDpopWhenTheAppAsks() throws Exception {
    try (FakeGoogle google = new FakeGoogle()) {
      // Google itself takes neither; a named site's endpoints are fixed, so the app names the
      // PAR endpoint and asks for both.
      google.pushedAuthorizationRequests(false).dpop(true);
      OAuth2Site<GoogleUser> site =
          Google.builder("google_signin", "GoogleUser", google.options())
              .parEndpoint(URI.create(google.url() + "/par"))
              .par(When.ALWAYS)
              .dpop(When.ALWAYS)
              .build();
      try (TestApp g = TestApp.withTokensInFinish(new MemoryStore()).mount(site, google)) {
        Browser.Page consent = browser.post(g.url("/google_signin/start"), Map.of());
        assertThat(consent.query().keySet()).containsExactlyInAnyOrder("client_id", "request_uri");
        Browser.Page done = browser.click(consent, "Approve");
        assertThat(done.url().getPath()).as(done.body()).isEqualTo("/after");
        assertThat(google.oauth().pushedRequests()).isEqualTo(1);
        Key ada = new Key("GoogleUser", "110169484474386276334");
        String token = ((AccessToken.Bearer) g.store().get(ada).orElseThrow().token()).value();
        String jkt = google.oauth().boundKey(token);
        assertThat(jkt).isNotNull();
        GoogleUser auth = site.load(g.store(), ada).orElseThrow();
        HttpResult me = auth.get(google.url() + "/v1/userinfo");
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        assertThat(bearerCall(google.url() + "/v1/userinfo", token)).isEqualTo(401);
        google.oauth().expireAccessTokens();
        assertThat(auth.refresh()).isTrue();
        String renewed = ((AccessToken.Bearer) g.store().get(ada).orElseThrow().token()).value();
        assertThat(google.oauth().boundKey(renewed)).isEqualTo(jkt);
      }
    }
  }

  /** The status of a GET that presents the token as a plain bearer token. */
  private static int bearerCall(String url, String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
