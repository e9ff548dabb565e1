package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Site;
import org.oauthdropins.sites.indieauth.IndieAuthSite;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeIndieAuth;
import org.oauthdropins.testkit.FakeResponse;
import org.oauthdropins.testkit.FakeServer;
import org.oauthdropins.testkit.TestApp;

/**
 * IndieAuth identity spoofing: an attacker's own site and server try to make the app accept a
 * profile URL ({@code me}) that belongs to somebody else. The victim signs in with the fake
 * server's {@code /legacy} page, which declares the server with plain {@code <link>} tags (no
 * issuer), so only the endpoints tell the servers apart.
 */
class IndieAuthSpoofingAttackTest {

  private FakeIndieAuth indie;
  private FakeServer attacker;
  private TestApp app;
  private Site<?> site;

  @BeforeEach
  void setUp() {
    indie = new FakeIndieAuth();
    attacker = new FakeServer();
    site = IndieAuthSite.create(indie.options());
    app = new TestApp(new MemoryStore()).mount(site);
  }

  @AfterEach
  void tearDown() {
    app.close();
    attacker.close();
    indie.close();
  }

  private String victim() {
    return indie.url() + "/legacy";
  }

  /** The victim's honest login, stored before the attack. */
  private AuthRecord victimLogsIn() {
    Browser victimBrowser = new Browser();
    Browser.Page consent =
        victimBrowser.post(
            app.url("/indieauth/start"), Map.of("me", victim(), "scope", "create", "state", "v"));
    Browser.Page done = victimBrowser.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(200);
    return app.store().get(new Key("IndieAuth", victim())).orElseThrow();
  }

  /**
   * The attacker's home page borrows the victim's authorization endpoint but names the attacker's
   * own token endpoint, which vouches for the victim.
   */
  private void attackerBorrowsTheAuthorizationEndpoint() {
    attacker.route(
        "/",
        r ->
            FakeResponse.html(
                "<!doctype html><html><head>"
                    + "<link rel=\"authorization_endpoint\" href=\""
                    + indie.url()
                    + "/auth\">"
                    + "<link rel=\"token_endpoint\" href=\""
                    + attacker.url()
                    + "/token\">"
                    + "</head><body>mallory</body></html>"));
    attacker.route(
        "/token",
        r ->
            FakeResponse.json(
                200,
                Map.of(
                    "access_token", "x",
                    "token_type", "Bearer",
                    "scope", "create",
                    "me", victim())));
  }

  /**
   * The attack: Mallory starts a login with her own page and a scope beyond profile, then calls the
   * callback with her state and any code, which her token endpoint accepts without asking anyone.
   */
  private Browser.Page malloryStartsAsHerselfAndCallsBackWithAnyCode() {
    attackerBorrowsTheAuthorizationEndpoint();
    Browser mallory = new Browser();
    Browser.Page consent =
        mallory.post(
            app.url("/indieauth/start"),
            Map.of("me", attacker.url() + "/", "scope", "create", "state", "m"));
    assertThat(consent.url().getPath()).isEqualTo("/auth");
    String state = consent.query().get("state");
    return mallory.get(app.url("/indieauth/oauth_callback?code=anything&state=" + state));
  }

  @Test
  void aTokenEndpointTheReturnedMeDoesNotDeclareCannotVouchForIt() {
    AuthRecord before = victimLogsIn();
    Browser.Page done = malloryStartsAsHerselfAndCallsBackWithAnyCode();

    assertThat(done.status()).as(done.body()).isEqualTo(502);
    assertThat(done.body()).contains("does not declare that server");
    AuthRecord after = app.store().get(new Key("IndieAuth", victim())).orElseThrow();
    assertThat(after).as("the victim's stored login is untouched").isEqualTo(before);
    assertThat(done.url().getPath()).isNotEqualTo("/after");
  }

  @Test
  void aReturnedMeIsAcceptedOnlyFromTheServerItDeclares() {
    Browser.Page done = malloryStartsAsHerselfAndCallsBackWithAnyCode();

    assertThat(done.status()).as(done.body()).isEqualTo(502);
    assertThat(app.store().get(new Key("IndieAuth", victim()))).isEmpty();
  }

  @Test
  void anotherProfileThatDeclaresTheSameServerIsStillAcceptedWithTokens() {
    // The honest case the rule must keep: Alice's server vouches for Bob's page on the same
    // server, which declares the same issuer and endpoints, token endpoint included.
    indie.returnMe(indie.url() + "/bob");
    Browser browser = new Browser();
    Browser.Page consent =
        browser.post(app.url("/indieauth/start"), Map.of("me", indie.alice(), "scope", "create"));
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    AuthRecord bob = app.store().get(new Key("IndieAuth", indie.url() + "/bob")).orElseThrow();
    assertThat(bob.token()).isNotNull();
  }
}
