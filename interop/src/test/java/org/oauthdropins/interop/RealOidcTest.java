package org.oauthdropins.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.TestApp;

/**
 * The generic OpenID Connect site ({@link Oidc#create}) against a real OpenID Provider, panva's
 * {@code oidc-provider}: discovery from the issuer alone, then logins through the provider's
 * authorization endpoint, its interaction (Approve or Deny) and the app's callback, with real HTTP
 * throughout. The provider requires PKCE S256, signs one client's ID tokens with RS256 and the
 * other's with ES256 (both keys in one JWKS), sends {@code iss} on every authorization response
 * (RFC 9207) and gives a refresh token for {@code offline_access} when consent is asked for.
 */
class RealOidcTest {

  /** The site whose client gets RS256-signed ID tokens; most tests use it. */
  private static final String RS = "oidcrs";

  /** The site whose client gets ES256-signed ID tokens. */
  private static final String ES = "oidces";

  private static TestApp app;
  private static OidcServer op;
  private static final Map<String, Site<OidcAuth>> sites = new LinkedHashMap<>();

  /** Each site's ID tokens as the token endpoint sent them, to read their headers. */
  private static final Map<String, List<String>> idTokens = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    // The app first: the provider registers its callback URLs, as a developer console would.
    app = new TestApp(new MemoryStore());
    Map<String, String> algs = new LinkedHashMap<>();
    algs.put(RS, "RS256");
    algs.put(ES, "ES256");
    op = OidcServer.start(app.url(), algs);
    for (String name : algs.keySet()) {
      Site<OidcAuth> site = Oidc.create(name, op.issuer(), options(name));
      sites.put(name, site);
      app.mount(site);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (op != null) {
      op.close();
    }
  }

  /** The site's client, over a transport that allows loopback and keeps the ID tokens it got. */
  private static SiteOptions options(String name) {
    HttpTransport real = GuardedTransport.localDevelopment();
    List<String> mine = idTokens.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    HttpTransport recording =
        call -> {
          HttpResult r = real.send(call);
          if (call.uri().getPath().equals("/token") && r.ok()) {
            String idToken = Json.text(r.json(), "id_token");
            if (idToken != null) {
              mine.add(idToken);
            }
          }
          return r;
        };
    return new SiteOptions(Map.of(), op.clients().get(name), recording);
  }

  private static Key key(String site) {
    return new Key(sites.get(site).kind(), op.sub());
  }

  @Test
  void discoveryFromTheIssuerFindsTheProvidersEndpointsAndQuirks() {
    OidcProvider p = OidcProvider.discover(op.issuer(), GuardedTransport.localDevelopment());
    assertThat(p.authorizationEndpoint()).isEqualTo(URI.create(op.issuer() + "/auth"));
    assertThat(p.tokenEndpoint()).isEqualTo(URI.create(op.issuer() + "/token"));
    assertThat(p.userinfoEndpoint()).isEqualTo(URI.create(op.issuer() + "/me"));
    assertThat(p.jwksUri()).isEqualTo(URI.create(op.issuer() + "/jwks"));
    assertThat(p.clientAuth()).isEqualTo(ClientAuth.BASIC);
    assertThat(p.pkce()).isTrue();
    assertThat(p.issParameter()).isTrue();
  }

  @Test
  void discoveryRefusesADocumentThatNamesAnotherIssuer() {
    // The same provider under another spelling of its host: its document names 127.0.0.1.
    String other = op.issuer().replace("127.0.0.1", "localhost");
    assertThatThrownBy(() -> OidcProvider.discover(other, GuardedTransport.localDevelopment()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("names another issuer");
  }

  @ParameterizedTest
  @CsvSource({"oidcrs, RS256, RSA", "oidces, ES256, EC"})
  void approvedLoginStoresTheVerifiedSubjectNameAndEmail(String name, String alg, String kty) {
    Browser browser = new Browser();
    Browser.Page interaction = start(browser, name, Map.of("state", "my-state"));
    Browser.Page done = browser.click(interaction, "Approve");

    URI callback = callbackIn(done, name);
    Map<String, String> cb = Form.decode(callback.getRawQuery());
    // RFC 9207: the provider names itself on the response; the library checked it.
    assertThat(cb).containsEntry("iss", op.issuer()).containsKey("code");
    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsEntry("state", "my-state").doesNotContainKey("declined");

    OidcAuth auth = sites.get(name).load(app.store(), key(name)).orElseThrow();
    assertThat(done.query()).containsEntry("auth_entity", auth.key().urlsafe());
    assertThat(auth.keyId()).isEqualTo(op.sub());
    assertThat(auth.userDisplayName()).isEqualTo(op.name());
    assertThat(auth.email()).isEqualTo(op.email());
    assertThat(auth.emailVerified()).isTrue();
    // The ID token passed the check against the provider's JWKS: these are its claims.
    assertThat(Json.text(auth.idTokenClaims(), "iss")).isEqualTo(op.issuer());
    assertThat(Json.text(auth.idTokenClaims(), "sub")).isEqualTo(op.sub());
    assertThat(Json.text(auth.idTokenClaims(), "aud")).isEqualTo(op.clients().get(name).clientId());
    assertThat(Json.text(auth.idTokenClaims(), "nonce")).isNotBlank();

    // Signed with the algorithm the client registered, by a key of the provider's JWKS that
    // stands beside a key of the other type: the library picked it by kid.
    List<String> got = idTokens.get(name);
    JsonNode header = header(got.get(got.size() - 1));
    assertThat(Json.text(header, "alg")).isEqualTo(alg);
    JsonNode jwks = Json.parse(new Browser().get(URI.create(op.issuer() + "/jwks")).body());
    assertThat(jwks.path("keys")).hasSize(2);
    JsonNode signer = null;
    for (JsonNode k : jwks.path("keys")) {
      if (Json.text(header, "kid").equals(Json.text(k, "kid"))) {
        signer = k;
      }
    }
    assertThat(signer).as("the key named by kid in the JWKS").isNotNull();
    assertThat(Json.text(signer, "kty")).isEqualTo(kty);

    HttpResult me = auth.get(op.issuer() + "/me");
    assertThat(me.status()).as(me.text()).isEqualTo(200);
    assertThat(Json.text(me.json(), "sub")).isEqualTo(op.sub());
  }

  @Test
  void theAuthorizationRequestCarriesPkceS256WhichTheProviderRequires() {
    Browser browser = new Browser();
    Browser.Page interaction = start(browser, RS, Map.of());
    URI authorize = interaction.redirects().get(1);
    Map<String, String> q = Form.decode(authorize.getRawQuery());
    assertThat(authorize.getPath()).isEqualTo("/auth");
    assertThat(q).containsEntry("code_challenge_method", "S256").containsKey("code_challenge");
    assertThat(q.get("scope").split(" ")).contains("openid", "profile", "email");
    assertThat(browser.click(interaction, "Approve").url().getPath()).isEqualTo("/after");

    // The same request without PKCE: the provider refuses it, so the login above used PKCE.
    Map<String, String> without = new LinkedHashMap<>(q);
    without.remove("code_challenge");
    without.remove("code_challenge_method");
    String base = authorize.toString().substring(0, authorize.toString().indexOf('?'));
    Browser.Page refused = new Browser().get(URI.create(Form.appendQuery(base, without)));
    // The provider sends its refusal to the callback, where this fresh browser gets no further.
    assertThat(refused.url().getPath()).isEqualTo("/" + RS + "/oauth_callback");
    assertThat(refused.query()).containsEntry("error", "invalid_request");
    assertThat(refused.query().get("error_description")).containsIgnoringCase("PKCE");
  }

  @Test
  void offlineAccessGivesARefreshTokenThatTheLibraryRefreshesWith() {
    Browser browser = new Browser();
    Browser.Page done =
        browser.click(start(browser, RS, Map.of("scope", "offline_access")), "Approve");
    assertThat(done.url().getPath()).as(done.body()).isEqualTo("/after");

    Key key = key(RS);
    AuthRecord before = app.store().get(key).orElseThrow();
    assertThat(before.refreshToken()).as("a refresh token for offline_access").isNotNull();
    OidcAuth auth = sites.get(RS).load(app.store(), key).orElseThrow();
    int idTokensBefore = idTokens.get(RS).size();
    assertThat(auth.refresh()).isTrue();
    // The provider answers the refresh with a new ID token, which the library accepted as about
    // the login's authentication (OpenID Connect Core §12.2: the same iss, sub and aud).
    List<String> got = idTokens.get(RS);
    assertThat(got).hasSize(idTokensBefore + 1);
    JsonNode refreshed = claims(got.get(got.size() - 1));
    assertThat(Json.text(refreshed, "sub")).isEqualTo(op.sub());
    assertThat(Json.text(refreshed, "iss")).isEqualTo(op.issuer());
    AuthRecord after = app.store().get(key).orElseThrow();
    assertThat(after.token()).isNotEqualTo(before.token());
    assertThat(after.refreshToken()).isNotNull();

    OidcAuth reloaded = sites.get(RS).load(app.store(), key).orElseThrow();
    HttpResult me = reloaded.get(op.issuer() + "/me");
    assertThat(me.status()).as(me.text()).isEqualTo(200);
    assertThat(Json.text(me.json(), "sub")).isEqualTo(op.sub());
  }

  @Test
  void denyFinishesAsDeclinedAndChangesNothingStored() {
    // Other tests log the same account in: whatever they stored must stay as it is.
    Key key = key(RS);
    Optional<AuthRecord> before = app.store().get(key);
    Browser browser = new Browser();
    Browser.Page done = browser.click(start(browser, RS, Map.of("state", "no-thanks")), "Deny");

    Map<String, String> cb = Form.decode(callbackIn(done, RS).getRawQuery());
    assertThat(cb).containsEntry("error", "access_denied").containsEntry("iss", op.issuer());
    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsEntry("declined", "true").containsEntry("state", "no-thanks");
    assertThat(app.store().get(key)).isEqualTo(before);
  }

  @Test
  void aCallbackNamingAnotherIssuerIsRefused() throws Exception {
    // The browser that started the login: the app binds a login to it.
    Browser browser = new Browser();
    Map<String, String> q = Form.decode(approvedCallback(browser).getRawQuery());
    assertThat(q).containsEntry("iss", op.issuer());
    q.put("iss", op.issuer().replace("127.0.0.1", "localhost"));
    Browser.Page refused = browser.get(callbackWith(q));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("another authorization server");
  }

  @Test
  void aCallbackWithoutIssIsRefusedBecauseTheProviderDeclaresIt() throws Exception {
    // The browser that started the login: the app binds a login to it.
    Browser browser = new Browser();
    Map<String, String> q = Form.decode(approvedCallback(browser).getRawQuery());
    assertThat(q.remove("iss")).isEqualTo(op.issuer());
    Browser.Page refused = browser.get(callbackWith(q));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("lacks iss");
  }

  private static URI callbackWith(Map<String, String> query) {
    return URI.create(Form.appendQuery(app.url("/" + RS + "/oauth_callback").toString(), query));
  }

  /**
   * An approved login's callback URL, not loaded: the Approve button's POST and the provider's
   * resume redirect, made with the browser's cookies by a client that stops at each redirect.
   */
  private static URI approvedCallback(Browser browser) throws Exception {
    Browser.Page interaction = start(browser, RS, Map.of());
    HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(browser.cookies())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> approved =
        client.send(
            HttpRequest.newBuilder(interaction.url())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", op.issuer())
                .POST(HttpRequest.BodyPublishers.ofString("decision=approve"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
    URI resume = interaction.url().resolve(approved.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> back =
        client.send(
            HttpRequest.newBuilder(resume).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(back.statusCode()).as(back.body()).isIn(302, 303);
    URI callback = resume.resolve(back.headers().firstValue("Location").orElseThrow());
    assertThat(callback.getPath()).isEqualTo("/" + RS + "/oauth_callback");
    return callback;
  }

  /** Starts a login from the app and returns the provider's interaction page. */
  private static Browser.Page start(Browser browser, String site, Map<String, String> form) {
    Browser.Page page = browser.post(app.url("/" + site + "/start"), form);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.url().toString()).startsWith(op.issuer() + "/interaction/");
    return page;
  }

  /** The app's callback URL the provider redirected the browser to. */
  private static URI callbackIn(Browser.Page done, String site) {
    return done.redirects().stream()
        .filter(u -> u.getPath().equals("/" + site + "/oauth_callback"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no callback in " + done.redirects()));
  }

  /** A compact JWT's header. */
  private static JsonNode header(String jwt) {
    return part(jwt, 0);
  }

  /** A JWT's claims, read without checking: the library checked them. */
  private static JsonNode claims(String jwt) {
    return part(jwt, 1);
  }

  private static JsonNode part(String jwt, int index) {
    String part = jwt.split("\\.")[index];
    return Json.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }
}
