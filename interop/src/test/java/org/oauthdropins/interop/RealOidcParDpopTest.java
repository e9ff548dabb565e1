package org.oauthdropins.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Button;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.Steps.When;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.TestApp;

/**
 * Pushed authorization requests (RFC 9126) and DPoP-bound tokens (RFC 9449) of the generic OpenID
 * Connect site ({@link Oidc#builder(String, String, String, org.oauthdropins.Credentials,
 * HttpTransport)}) against a real OpenID Provider, panva's {@code oidc-provider}, which checks both
 * itself: proofs with its nonce, {@code htm}/{@code htu}/{@code ath}, single-use {@code jti},
 * tokens bound by {@code cnf.jkt}.
 *
 * <p>Two providers run. The first registers each client with {@code
 * require_pushed_authorization_requests} and {@code dpop_bound_access_tokens}, which its discovery
 * document cannot show: a site must be told to use both ({@link When#ALWAYS}), and a site with
 * either step off fails. The second requires PAR of every client, as its discovery document says,
 * and DPoP of its client: there the defaults ({@link When#IF_REQUIRED}) find both.
 */
class RealOidcParDpopTest {

  /** The app asks for PAR and DPoP. */
  private static final String BOTH = "oidcpd";

  /** PAR turned off, at a provider that requires it of the client. */
  private static final String NO_PAR = "oidcnopar";

  /** DPoP turned off, at a provider that requires it of the client. */
  private static final String NO_DPOP = "oidcnodpop";

  /** The defaults, at the provider whose discovery document requires PAR. */
  private static final String DEFAULTS = "oidcdefaults";

  private static TestApp app;
  private static OidcServer op;
  private static OidcServer strict;
  private static final Map<String, Site<OidcAuth>> sites = new LinkedHashMap<>();

  /** Each site's token endpoint answers (their token_type), as the library got them. */
  private static final Map<String, List<String>> tokenTypes = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    app = new TestApp(new MemoryStore());
    Map<String, String> clients = new LinkedHashMap<>();
    clients.put(BOTH, "RS256+par+dpop");
    clients.put(NO_PAR, "RS256+par+dpop");
    clients.put(NO_DPOP, "RS256+par+dpop");
    op = OidcServer.start(app.url(), clients);
    strict = OidcServer.start(app.url(), Map.of(DEFAULTS, "ES256+dpop"), true);
    add(op, BOTH, When.ALWAYS, When.ALWAYS);
    add(op, NO_PAR, When.NEVER, When.ALWAYS);
    add(op, NO_DPOP, When.ALWAYS, When.NEVER);
    add(strict, DEFAULTS, When.IF_REQUIRED, When.IF_REQUIRED);
  }

  private static void add(OidcServer server, String name, When par, When dpop) {
    SiteOptions options = options(server, name);
    Site<OidcAuth> site =
        Oidc.builder(
                name, name + "Auth", server.issuer(), options.credentials(), options.transport())
            .button(Button.of(name, "#000", "#fff"))
            .par(par)
            .dpop(dpop)
            .build();
    sites.put(name, site);
    app.mount(site);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (op != null) {
      op.close();
    }
    if (strict != null) {
      strict.close();
    }
  }

  /** The site's client, over a transport that allows loopback and notes each token_type. */
  private static SiteOptions options(OidcServer server, String name) {
    HttpTransport real = GuardedTransport.localDevelopment();
    List<String> mine = tokenTypes.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    HttpTransport recording =
        call -> {
          HttpResult r = real.send(call);
          if (call.uri().getPath().equals("/token") && r.ok()) {
            mine.add(Json.text(r.json(), "token_type"));
          }
          return r;
        };
    return new SiteOptions(Map.of(), server.clients().get(name), recording);
  }

  @Test
  void theGenericSiteLogsInWithParAndDpopAndSignsUserinfoAndRefresh() throws Exception {
    Browser browser = new Browser();
    Browser.Page interaction = start(browser, op, BOTH, Map.of("scope", "offline_access"));
    // The browser went to the authorization endpoint with the pushed request's reference only.
    URI authorize = interaction.redirects().get(1);
    assertThat(authorize.getPath()).isEqualTo("/auth");
    assertThat(Form.decode(authorize.getRawQuery()).keySet())
        .containsExactlyInAnyOrder("client_id", "request_uri");
    Browser.Page done = browser.click(interaction, "Approve");
    assertThat(done.url().getPath()).as(done.body()).isEqualTo("/after");
    assertThat(tokenTypes.get(BOTH)).containsExactly("DPoP");

    Key key = new Key(sites.get(BOTH).kind(), op.sub());
    AuthRecord before = app.store().get(key).orElseThrow();
    assertThat(before.refreshToken()).as("a refresh token for offline_access").isNotNull();
    OidcAuth auth = sites.get(BOTH).load(app.store(), key).orElseThrow();
    assertThat(auth.userDisplayName()).isEqualTo(op.name());

    // userinfo takes the token with a proof of the login's key (and the provider's nonce)...
    HttpResult me = auth.get(op.issuer() + "/me");
    assertThat(me.status()).as(me.text()).isEqualTo(200);
    assertThat(Json.text(me.json(), "sub")).isEqualTo(op.sub());
    // ...and refuses it as a bearer token: it is bound to that key.
    assertThat(bearerStatus(op.issuer() + "/me", ((AccessToken.Bearer) before.token()).value()))
        .isEqualTo(401);

    // The refresh proves the same key; the new token is bound to it too.
    assertThat(auth.refresh()).isTrue();
    assertThat(tokenTypes.get(BOTH)).containsExactly("DPoP", "DPoP");
    AuthRecord after = app.store().get(key).orElseThrow();
    assertThat(after.token()).isNotEqualTo(before.token());
    HttpResult again =
        sites.get(BOTH).load(app.store(), key).orElseThrow().get(op.issuer() + "/me");
    assertThat(again.status()).as(again.text()).isEqualTo(200);
    assertThat(bearerStatus(op.issuer() + "/me", ((AccessToken.Bearer) after.token()).value()))
        .isEqualTo(401);
  }

  @Test
  void withParRequiredOfTheClientAndTheParStepOffTheLoginFails() {
    Browser browser = new Browser();
    Browser.Page page = browser.post(app.url("/" + NO_PAR + "/start"), Map.of("state", "s"));
    // The provider refuses the plain request and says why, to the app's callback, which fails.
    assertThat(page.url().getPath()).isEqualTo("/" + NO_PAR + "/oauth_callback");
    assertThat(page.query()).containsEntry("error", "invalid_request");
    assertThat(page.query().get("error_description"))
        .contains("Pushed Authorization Request must be used");
    assertThat(page.status()).as(page.body()).isEqualTo(502);
    assertThat(app.store().get(new Key(sites.get(NO_PAR).kind(), op.sub()))).isEmpty();
  }

  @Test
  void withDpopRequiredOfTheClientAndTheDpopStepOffTheLoginFails() {
    Browser browser = new Browser();
    Browser.Page done = browser.click(start(browser, op, NO_DPOP, Map.of()), "Approve");
    assertThat(done.status()).as(done.body()).isEqualTo(502);
    // oidc-provider says only invalid_grant; its log says "DPoP proof JWT not provided".
    assertThat(done.body()).contains("refused the token request: invalid_grant");
    assertThat(tokenTypes.getOrDefault(NO_DPOP, List.of())).isEmpty();
    assertThat(app.store().get(new Key(sites.get(NO_DPOP).kind(), op.sub()))).isEmpty();
  }

  @Test
  void theDefaultsFindParInDiscoveryAndDpopAtTheTokenEndpoint() throws Exception {
    Browser browser = new Browser();
    Browser.Page interaction = start(browser, strict, DEFAULTS, Map.of());
    URI authorize = interaction.redirects().get(1);
    assertThat(Form.decode(authorize.getRawQuery()).keySet())
        .containsExactlyInAnyOrder("client_id", "request_uri");
    Browser.Page done = browser.click(interaction, "Approve");
    assertThat(done.url().getPath()).as(done.body()).isEqualTo("/after");
    assertThat(tokenTypes.get(DEFAULTS)).containsExactly("DPoP");
    Key key = new Key(sites.get(DEFAULTS).kind(), strict.sub());
    OidcAuth auth = sites.get(DEFAULTS).load(app.store(), key).orElseThrow();
    HttpResult me = auth.get(strict.issuer() + "/me");
    assertThat(me.status()).as(me.text()).isEqualTo(200);
    assertThat(
            bearerStatus(
                strict.issuer() + "/me", ((AccessToken.Bearer) auth.record().token()).value()))
        .isEqualTo(401);
  }

  /** Starts a login from the app and returns the provider's interaction page. */
  private static Browser.Page start(
      Browser browser, OidcServer server, String site, Map<String, String> form) {
    Map<String, String> f = new LinkedHashMap<>(form);
    f.putIfAbsent("state", "s");
    Browser.Page page = browser.post(app.url("/" + site + "/start"), f);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.url().toString()).startsWith(server.issuer() + "/interaction/");
    return page;
  }

  /** The status of a GET that presents the token as a plain bearer token. */
  private static int bearerStatus(String url, String token) throws Exception {
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
