package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.sites.linkedin.LinkedIn;
import org.oauthdropins.sites.linkedin.LinkedInAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** Sign In with LinkedIn using OpenID Connect over loopback HTTP, against the fake LinkedIn. */
class LinkedInFlowTest {

  private static final Key JOHN = new Key("LinkedInAuth", "782bbtaQ");

  private FakeLinkedIn linkedin;
  private TestApp app;
  private OAuth2Site<LinkedInAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    linkedin = new FakeLinkedIn();
    site = LinkedIn.create(linkedin.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, linkedin);
  }

  @AfterEach
  void tearDown() {
    app.close();
    linkedin.close();
  }

  private Browser.Page start(String state) {
    return browser.post(
        app.url("/linkedin/start"), state == null ? Map.of() : Map.of("state", state));
  }

  @Test
  void approveValidatesTheIdTokenAndStoresTheMember() {
    Browser.Page consent = start("s1");
    assertThat(consent.url().getPath()).isEqualTo("/oauth/v2/authorization");
    assertThat(consent.query())
        .containsEntry("client_id", "fake-linkedin-client")
        .containsEntry("scope", "openid profile email")
        .containsEntry("response_type", "code")
        // PKCE is for LinkedIn-enabled native apps only, and LinkedIn does not echo nonces.
        .doesNotContainKeys("code_challenge", "nonce");

    Browser.Page done = browser.click(consent, "Approve");

    Map<String, String> q = done.query();
    assertThat(q).containsEntry("state", "s1").doesNotContainKey("refresh_token");
    assertThat(q.get("access_token")).startsWith("AQV");
    assertThat(Key.fromUrlsafe(q.get("auth_entity"))).isEqualTo(JOHN);
    LinkedInAuth auth = site.load(app.store(), JOHN).orElseThrow();
    assertThat(auth.userDisplayName()).isEqualTo("John Doe");
    assertThat(auth.imageUrl()).contains("profile-displayphoto");
    assertThat(auth.email()).isEqualTo("doe@email.com");
    assertThat(auth.emailVerified()).isTrue();
    assertThat(auth.idTokenClaims().path("iss").asText()).isEqualTo(linkedin.url() + "/oauth");
    assertThat(auth.get(linkedin.url() + "/v2/userinfo").status()).isEqualTo(200);
  }

  @Test
  void displayNameFallsBackToGivenAndFamilyName() {
    ObjectNode user = linkedin.oauth().user().deepCopy();
    user.remove("name");
    linkedin.oauth().user(user);
    browser.click(start("s"), "Approve");
    assertThat(site.load(app.store(), JOHN).orElseThrow().userDisplayName()).isEqualTo("John Doe");
  }

  @Test
  void cancelledLoginIsDeclinedToo() {
    String state = start("abc").query().get("state");
    Browser.Page done =
        browser.get(
            app.url(
                "/linkedin/oauth_callback?error=user_cancelled_login"
                    + "&error_description=The+user+cancelled+LinkedIn+login&state="
                    + state));
    assertThat(done.query()).containsEntry("declined", "true").containsEntry("state", "abc");
  }

  @ParameterizedTest
  @EnumSource(
      value = FakeOidc.Attack.class,
      names = {"WRONG_SIGNATURE", "WRONG_AUDIENCE", "WRONG_ISSUER", "EXPIRED", "UNSIGNED"})
  void badIdTokenIsA502AndStoresNothing(FakeOidc.Attack attack) {
    linkedin.attackNext(attack);
    Browser.Page done = browser.click(start("s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains(GoogleFlowTest.expectedMessage(attack));
    assertThat(app.store().get(JOHN)).isEmpty();
  }
}
