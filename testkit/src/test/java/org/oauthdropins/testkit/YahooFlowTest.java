package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.sites.yahoo.Yahoo;
import org.oauthdropins.sites.yahoo.YahooAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Yahoo's quirks against the fake Yahoo: its own endpoint names, ES256 ID tokens, the {@code sub}
 * as key whatever the nickname, and the preset's endpoints against the discovery document.
 */
class YahooFlowTest {

  private FakeYahoo yahoo;
  private TestApp app;
  private OAuth2Site<YahooAuth> site;
  private final Browser browser = new Browser();

  private static final Key JEAN = new Key("YahooAuth", FakeYahoo.JEAN_ID);

  @BeforeEach
  void setUp() {
    yahoo = new FakeYahoo();
    site = Yahoo.create(yahoo.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, yahoo);
  }

  @AfterEach
  void tearDown() {
    app.close();
    yahoo.close();
  }

  @Test
  void aLoginGoesToRequestAuthAndIsKeyedBySubWithARefreshToken() {
    Browser.Page consent = browser.post(app.url("/yahoo/start"), Map.of("state", "s"));
    assertThat(consent.url().getPath()).isEqualTo("/oauth2/request_auth");
    assertThat(consent.query())
        .containsEntry("client_id", "dj0yJmk9ZmFrZVlhaG9vQ2xpZW50")
        .containsEntry("scope", "openid profile email")
        .containsKeys("nonce", "state", "redirect_uri");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(JEAN);
    assertThat(done.query().get("refresh_token")).isNotBlank();
    YahooAuth auth = site.load(app.store(), JEAN).orElseThrow();
    assertThat(auth.userName()).isEqualTo("jean");
    assertThat(auth.userDisplayName()).isEqualTo("Jean Bartik");
    assertThat(auth.imageUrl()).isEqualTo("https://s.yimg.com/ag/images/fake/jean_192sq.jpg");
    assertThat(auth.email()).isEqualTo("jean@yahoo.example");
  }

  @Test
  void thePresetsEndpointsAreThoseTheDiscoveryDocumentNames() {
    OidcProvider preset = Yahoo.provider(yahoo.options());
    PresetChecks.matchesDiscovery(preset, yahoo.issuer());
    assertThat(preset.clientAuth()).isEqualTo(ClientAuth.BASIC);
  }
}
