package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Disconnect;
import org.oauthdropins.LoginEvent;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * The generic OpenID Connect site revokes where its provider's discovery document names a {@code
 * revocation_endpoint}, and only deletes where it names none; the listener hears either.
 */
class OidcDisconnectTest {

  private final FakeOidc provider = FakeOidc.standalone(true);
  private final MemoryStore store = new MemoryStore();
  private final List<LoginEvent> events = new CopyOnWriteArrayList<>();
  private TestApp app;

  @AfterEach
  void tearDown() {
    app.close();
    provider.close();
  }

  private OidcAuth login() {
    Site<OidcAuth> site = Oidc.create("sandbox", provider.issuer(), provider.options());
    app = TestApp.withTokensInFinish(store).mount(site, provider);
    Browser browser = new Browser();
    Browser.Page done =
        browser.click(browser.post(app.url("/sandbox/start"), Map.of("state", "s")), "Approve");
    return site.load(store, Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
  }

  private Disconnect disconnect() {
    Site<OidcAuth> site = Oidc.create("sandbox", provider.issuer(), provider.options());
    return Disconnect.of(site, store).listener(events::add);
  }

  @Test
  void aProviderWhoseDiscoveryNamesARevocationEndpointRevokesBothTokens() {
    provider.oauth().revocationEndpoint("/realms/sandbox/protocol/openid-connect/revoke");
    OidcAuth auth = login();
    String token = ((AccessToken.Bearer) auth.accessToken()).value();

    Disconnect.Outcome o = disconnect().signOutEverywhere(auth.key());

    assertThat(o.revoked()).isTrue();
    assertThat(provider.oauth().user(token)).isEmpty();
    assertThat(provider.oauth().refreshTokenLive(auth.refreshToken())).isFalse();
    assertThat(store.get(auth.key())).isEmpty();
    assertThat(events).singleElement().isInstanceOf(LoginEvent.Disconnected.class);
    assertThat(((LoginEvent.Disconnected) events.get(0)).revoked()).isTrue();
  }

  @Test
  void aProviderThatNamesNoneIsDeletedOnlyAndSaysSo() {
    OidcAuth auth = login();
    String token = ((AccessToken.Bearer) auth.accessToken()).value();

    Disconnect.Outcome o = disconnect().signOutEverywhere(auth.key());

    assertThat(o.found()).isTrue();
    assertThat(o.revoked()).isFalse();
    assertThat(provider.oauth().user(token)).isPresent();
    assertThat(store.get(auth.key())).isEmpty();
    assertThat(((LoginEvent.Disconnected) events.get(0)).revoked()).isFalse();
  }
}
