package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Button;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.twitch.Twitch;
import org.oauthdropins.sites.twitch.TwitchAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Twitch's own side of the login against the fake Twitch: the {@code claims} request parameter that
 * gets the name and picture, and the email only with its scope. What every site does is {@link
 * SiteContractTest}'s.
 */
class TwitchFlowTest {

  private static final Key TWITCHDEV = new Key("TwitchAuth", FakeTwitch.TWITCHDEV_ID);

  private FakeTwitch twitch;
  private TestApp app;
  private OAuth2Site<TwitchAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    twitch = new FakeTwitch();
    site = Twitch.create(twitch.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, twitch);
  }

  @AfterEach
  void tearDown() {
    app.close();
    twitch.close();
  }

  private Browser.Page start(Map<String, String> form) {
    return browser.post(app.url("/twitch/start"), form);
  }

  private TwitchAuth login(Map<String, String> form) {
    Browser.Page done = browser.click(start(form), "Approve");
    assertThat(done.status()).isEqualTo(200);
    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(TWITCHDEV);
    return site.load(app.store(), TWITCHDEV).orElseThrow();
  }

  @Test
  void theLoginNamesEachClaimItWantsInTheClaimsParameter() {
    Map<String, String> authorize = start(Map.of()).query();
    assertThat(authorize).containsEntry("scope", "openid").containsKey("nonce");
    JsonNode claims = Json.parse(authorize.get(Oidc.CLAIMS));
    for (String member : new String[] {"id_token", "userinfo"}) {
      assertThat(claims.path(member).fieldNames())
          .toIterable()
          .containsExactlyElementsOf(Twitch.CLAIMS);
    }

    TwitchAuth auth = login(Map.of());

    assertThat(auth.keyId()).isEqualTo(FakeTwitch.TWITCHDEV_ID);
    assertThat(auth.userName()).isEqualTo("TwitchDev");
    assertThat(auth.userDisplayName()).isEqualTo("TwitchDev");
    assertThat(auth.imageUrl()).startsWith("https://static-cdn.jtvnw.net/jtv_user_pictures/");
    assertThat(auth.idTokenClaims().path("preferred_username").asText()).isEqualTo("TwitchDev");
    assertThat(auth.refreshToken()).startsWith("ref_");
    // Without user:read:email, Twitch leaves the address out even though the claims ask for it.
    assertThat(auth.email()).isNull();
    assertThat(auth.idTokenClaims().has("email")).isFalse();
  }

  @Test
  void theEmailScopeAddsTheVerifiedAddress() {
    TwitchAuth auth = login(Map.of("scope", Twitch.EMAIL_SCOPE));

    assertThat(auth.email()).isEqualTo("twitchdev@example.com");
    assertThat(auth.emailVerified()).isTrue();
    assertThat(auth.idTokenClaims().path("email").asText()).isEqualTo("twitchdev@example.com");
  }

  @Test
  void aLoginWithoutTheClaimsParameterGetsOnlyTheSubject() {
    OAuth2Site<OidcAuth> bare =
        Oidc.builder(
                "twitch",
                "TwitchAuth",
                Twitch.provider(twitch.options()),
                twitch.credentials(),
                twitch.options().transport())
            .button(Button.of("Twitch without claims", "#000000", "#ffffff"))
            .build();
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(bare, twitch)) {
      Browser.Page done =
          browser.click(browser.post(other.url("/twitch/start"), Map.of()), "Approve");
      OidcAuth auth = bare.load(other.store(), TWITCHDEV).orElseThrow();
      assertThat(done.status()).isEqualTo(200);
      assertThat(auth.userJson().has("preferred_username")).isFalse();
      assertThat(auth.imageUrl()).isNull();
    }
  }
}
