package org.oauthdropins.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oauthdropins.LoginEvent;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.TestApp;
import org.oauthdropins.web.WebResponse;

/**
 * The end of a login at a real OpenID Provider, panva's {@code oidc-provider} with its {@code
 * rpInitiatedLogout} and {@code backchannelLogout} features, the client registered with the app's
 * {@code post_logout_redirect_uri} and {@code backchannel_logout_uri}: the app's logout route sends
 * the browser to the provider's {@code end_session_endpoint}, the user confirms there, the provider
 * ends its session (a new authorize asks for sign-in again), posts a logout token to the app's
 * back-channel route (which deletes the stored login and tells the listener) and sends the browser
 * back to the app's return route with the state.
 */
class RealOidcLogoutTest {

  private static final String SITE = "oidclogout";

  private static TestApp app;
  private static OidcServer op;
  private static Site<OidcAuth> site;
  private static final List<LoginEvent> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    app =
        new TestApp(new MemoryStore())
            .listener(events::add)
            .page("/", r -> WebResponse.Page.text(200, "home"));
    op = OidcServer.start(app.url(), Map.of(SITE, "RS256"));
    site =
        Oidc.create(
            SITE,
            op.issuer(),
            new SiteOptions(Map.of(), op.clients().get(SITE), GuardedTransport.localDevelopment()));
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
  }

  private static Key key() {
    return new Key(site.kind(), op.sub());
  }

  @Test
  void discoveryNamesTheEndSessionEndpoint() {
    OidcProvider p = OidcProvider.discover(op.issuer(), GuardedTransport.localDevelopment());
    assertThat(p.endSessionEndpoint()).isEqualTo(URI.create(op.issuer() + "/session/end"));
  }

  @Test
  void rpInitiatedLogoutEndsTheProvidersSessionAndItsBackchannelLogoutEndsTheLogin()
      throws Exception {
    Browser browser = new Browser();
    Browser.Page done =
        browser.click(browser.post(app.url("/" + SITE + "/start"), Map.of()), "Approve");
    assertThat(done.url().getPath()).isEqualTo("/after");
    String authEntity = done.query().get("auth_entity");
    assertThat(app.store().get(key())).isPresent();
    OidcAuth auth = site.load(app.store(), key()).orElseThrow();
    assertThat(idToken(auth)).isNotNull();
    // Signed in at the provider: a second login needs no sign-in page.
    assertThat(browser.post(app.url("/" + SITE + "/start"), Map.of()).url().getPath())
        .isEqualTo("/after");

    Browser.Page confirm =
        browser.post(app.url("/" + SITE + "/logout"), Map.of("auth_entity", authEntity));
    assertThat(confirm.url().getPath()).startsWith("/session/end");
    URI end =
        confirm.redirects().stream()
            .filter(u -> u.getPath().equals("/session/end"))
            .findFirst()
            .orElse(confirm.url());
    Map<String, String> q = Form.decode(end.getRawQuery());
    assertThat(q).containsKeys("id_token_hint", "state", "post_logout_redirect_uri");

    Browser.Page home = browser.click(confirm, "Log out");

    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).isEqualTo("home");
    assertThat(app.logins().verify(browser.requestTo(app.url("/")), authEntity)).isEmpty();
    // The provider's logout token reached the back-channel route and ended the stored login.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (app.store().get(key()).isPresent() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(app.store().get(key())).isEmpty();
    assertThat(events)
        .filteredOn(e -> e instanceof LoginEvent.LoggedOut)
        .singleElement()
        .satisfies(e -> assertThat(((LoginEvent.LoggedOut) e).keys()).containsExactly(key()));
    // The provider's session is over: a new authorize asks for sign-in again.
    Browser.Page again = browser.post(app.url("/" + SITE + "/start"), Map.of());
    assertThat(again.url().getPath()).startsWith("/interaction/");
    assertThat(again.body()).contains("Approve");
  }

  private static String idToken(OidcAuth auth) {
    return org.oauthdropins.internal.http.Json.text(auth.extra(), Oidc.ID_TOKEN_JWT);
  }
}
