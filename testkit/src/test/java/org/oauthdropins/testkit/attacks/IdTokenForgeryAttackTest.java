package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeOidc;
import org.oauthdropins.testkit.MutableClock;
import org.oauthdropins.testkit.TestApp;

/**
 * An ID token is believed only when OpenID Connect Core §3.1.3.7 says so: signed (never {@code
 * alg:none}) by a key the provider publishes, by the expected issuer, for this client (and, with
 * several audiences, authorized for it by {@code azp}), current (not expired, not issued or valid
 * in the future), about a subject, and carrying this login's nonce. Every forgery is a 502 that
 * stores nothing.
 */
class IdTokenForgeryAttackTest {

  private final FakeOidc provider = FakeOidc.standalone(false);
  private final WitnessStore store = new WitnessStore(new MutableClock());
  private final Site<?> site = Oidc.create("sandbox", provider.issuer(), provider.options());
  private final TestApp app = new TestApp(store).mount(site, provider);
  private final Browser browser = new Browser();

  @AfterEach
  void tearDown() {
    app.close();
    provider.close();
  }

  private Browser.Page login() {
    return browser.click(browser.post(app.url("/sandbox/start"), Map.of()), "Approve");
  }

  @ParameterizedTest
  // A later auth_time or an azp naming the client is wrong only in a refreshed token:
  // RefreshTokenAttackTest.
  @EnumSource(
      value = FakeOidc.Attack.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"LATER_AUTH_TIME", "ADDED_AZP"})
  void aForgedOrBrokenIdTokenIsRefusedAndStoresNothing(FakeOidc.Attack attack) {
    provider.attackNext(attack);
    Browser.Page done = login();
    assertThat(done.status()).as(attack + ": " + done.body()).isEqualTo(502);
    assertThat(done.body()).startsWith("sandbox ").doesNotContain("Exception");
    assertThat(store.put).isEmpty();
  }

  @Test
  void anHonestIdTokenIsAccepted() {
    Browser.Page done = login();
    assertThat(done.status()).isEqualTo(200);
    assertThat(store.put).hasSize(1);
  }
}
