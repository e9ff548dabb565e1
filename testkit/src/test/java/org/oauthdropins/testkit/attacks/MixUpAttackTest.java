package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeOidc;
import org.oauthdropins.testkit.MutableClock;
import org.oauthdropins.testkit.TestApp;

/**
 * Mix-up (RFC 9700 §4.4, RFC 9207): an authorization response that names another issuer than the
 * server the login went to is refused, always; one that names none is refused when the server's
 * metadata declares {@code authorization_response_iss_parameter_supported} (RFC 9207 §2.4). Refused
 * responses store nothing and never reach the token endpoint.
 */
class MixUpAttackTest {

  private final FakeOidc provider = FakeOidc.standalone(true);
  private final WitnessStore store = new WitnessStore(new MutableClock());
  private TestApp app;
  private final Browser browser = new Browser();

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
    provider.close();
  }

  private Browser.Page login() {
    app = new TestApp(store);
    app.mount(Oidc.create("sandbox", provider.issuer(), provider.options()), provider);
    return browser.click(browser.post(app.url("/sandbox/start"), Map.of()), "Approve");
  }

  @Test
  void aCallbackNamingAnotherIssuerIsRefused() {
    provider.declareIssParameter();
    provider.oauth().callbackIss("https://evil.example");
    Browser.Page done = login();
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("another authorization server");
    assertThat(store.put).isEmpty();
  }

  @Test
  void aCallbackWithoutIssIsRefusedWhenTheServerDeclaresIt() {
    provider.declareIssParameter();
    provider.oauth().callbackIss(null);
    Browser.Page done = login();
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("lacks iss");
    assertThat(store.put).isEmpty();
  }

  @Test
  void aCallbackWithTheServersOwnIssIsAccepted() {
    provider.declareIssParameter();
    assertThat(login().status()).isEqualTo(200);
  }

  @Test
  void aCallbackNamingAnotherIssuerIsRefusedEvenWhenTheServerDeclaresNothing() {
    provider.oauth().callbackIss("https://evil.example");
    Browser.Page done = login();
    assertThat(done.status()).isEqualTo(400);
    assertThat(store.put).isEmpty();
  }

  @Test
  void aCallbackWithoutIssIsAcceptedFromAServerThatDeclaresNothing() {
    assertThat(login().status()).isEqualTo(200);
  }
}
