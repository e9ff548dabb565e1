package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Credentials;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.google.Google;
import org.oauthdropins.sites.google.GoogleUser;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** The whole Google Sign-In over loopback HTTP, against the fake Google. */
class GoogleFlowTest {

  private static final Key ADA = new Key("GoogleUser", "110169484474386276334");

  private FakeGoogle google;
  private TestApp app;
  private OAuth2Site<GoogleUser> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    google = new FakeGoogle();
    site = Google.create(google.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, google);
  }

  @AfterEach
  void tearDown() {
    app.close();
    google.close();
  }

  private Browser.Page start(String state) {
    return browser.post(
        app.url("/google_signin/start"), state == null ? Map.of() : Map.of("state", state));
  }

  @Test
  void approveValidatesTheIdTokenAndStoresTheUserWithARefreshToken() {
    Browser.Page consent = start("my-app-state");
    assertThat(consent.url().getPath()).isEqualTo("/o/oauth2/v2/auth");
    Map<String, String> authorize = consent.query();
    assertThat(authorize)
        .containsEntry("client_id", "fake-google-client.apps.googleusercontent.com")
        .containsEntry("scope", "openid profile")
        .containsEntry("access_type", "offline")
        .containsEntry("prompt", "consent")
        .containsEntry("code_challenge_method", "S256");
    String nonce = authorize.get("nonce");
    assertThat(nonce).hasSizeGreaterThan(20);

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(done.url().getPath()).isEqualTo("/after");
    Map<String, String> q = done.query();
    assertThat(q).containsEntry("state", "my-app-state");
    assertThat(q.get("access_token")).startsWith("ya29.");
    assertThat(q.get("refresh_token")).startsWith("ref_");
    assertThat(Key.fromUrlsafe(q.get("auth_entity"))).isEqualTo(ADA);

    GoogleUser user = site.load(app.store(), ADA).orElseThrow();
    assertThat(user).isInstanceOf(GoogleUser.class);
    assertThat(user.userDisplayName()).isEqualTo("Ada Lovelace");
    assertThat(user.imageUrl()).isEqualTo("https://lh3.googleusercontent.com/a/fake-ada=s96-c");
    assertThat(user.email()).isEqualTo("ada@example.com");
    assertThat(user.hostedDomain()).isNull();
    assertThat(user.refreshToken()).isEqualTo(q.get("refresh_token"));
    assertThat(user.idTokenClaims().path("iss").asText()).isEqualTo(google.url().toString());
    assertThat(user.idTokenClaims().path("nonce").asText()).isEqualTo(nonce);
    assertThat(user.toString()).doesNotContain(q.get("access_token"));

    HttpResult info = user.get(google.url() + "/v1/userinfo");
    assertThat(info.status()).isEqualTo(200);
    assertThat(info.json().path("sub").asText()).isEqualTo(ADA.id());
  }

  @Test
  void everyLoginGetsItsOwnNonce() {
    String first = start("a").query().get("nonce");
    String second = start("b").query().get("nonce");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void nameMissingShowsUnknown() {
    var user = google.oauth().user().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) user).remove("name");
    google.oauth().user(user);
    browser.click(start("s"), "Approve");
    assertThat(site.load(app.store(), ADA).orElseThrow().userDisplayName()).isEqualTo("unknown");
  }

  @Test
  void legacyIssuerWithoutSchemeIsAccepted() {
    google.issueAs(google.url().toString().replaceFirst("^http://", ""));
    Browser.Page done = browser.click(start("s"), "Approve");
    assertThat(done.query()).containsKey("auth_entity");
  }

  @Test
  void wrongClientSecretIsRefusedByTheFake() {
    Site<?> wrong =
        Google.create(
            google
                .options()
                .withCredentials(new Credentials(google.credentials().clientId(), "nope")));
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(wrong, google)) {
      Browser.Page consent = browser.post(other.url("/google_signin/start"), Map.of());
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.status()).isEqualTo(502);
      assertThat(done.body()).contains("invalid_client");
    }
  }

  @ParameterizedTest
  // Wrong only in a refreshed token: RefreshTokenAttackTest.
  @EnumSource(
      value = FakeOidc.Attack.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"LATER_AUTH_TIME", "ADDED_AZP"})
  void badIdTokenIsA502AndStoresNothing(FakeOidc.Attack attack) {
    google.attackNext(attack);
    Browser.Page done = browser.click(start("s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body())
        .startsWith("google_signin ")
        .contains(expectedMessage(attack))
        .doesNotContain("Exception");
    assertThat(app.store().get(ADA)).isEmpty();
  }

  static String expectedMessage(FakeOidc.Attack attack) {
    return switch (attack) {
      case WRONG_SIGNATURE -> "ID token has an invalid signature";
      case WRONG_AUDIENCE -> "ID token was issued to another client";
      case WRONG_ISSUER -> "ID token comes from another issuer";
      case EXPIRED -> "ID token has expired";
      case WRONG_NONCE -> "ID token does not carry this login's nonce";
      case UNSIGNED -> "ID token is not signed";
      case NO_ID_TOKEN -> "token response has no id_token";
      case USERINFO_OTHER_USER -> "userinfo is about another user";
      case NO_NONCE -> "ID token does not carry this login's nonce";
      case SEVERAL_AUDIENCES, WRONG_AZP -> "ID token was issued to another authorized party";
      case FUTURE_IAT -> "ID token has no or a future issue time";
      case FUTURE_NBF -> "ID token is not valid yet";
      case NO_SUBJECT -> "ID token has no subject";
      case UNKNOWN_KEY -> "ID token is signed with an unknown key";
      // At login, userinfo (about the user who approved) gives the other subject away.
      case OTHER_SUBJECT -> "userinfo is about another user";
      case LATER_AUTH_TIME, ADDED_AZP ->
          throw new IllegalArgumentException(attack + " is wrong only in a refreshed token");
    };
  }

  @Test
  void signingKeysAreCachedAndRefetchedAfterRotation() {
    browser.click(start("a"), "Approve");
    browser.click(start("b"), "Approve");
    assertThat(google.jwksFetches()).isEqualTo(1);
    google.rotateKey();
    Browser.Page done = browser.click(start("c"), "Approve");
    assertThat(done.query()).containsKey("auth_entity");
    assertThat(google.jwksFetches()).isEqualTo(2);
  }

  @Test
  void expiredAccessTokenIsRefreshedBeforeAnApiCallAndWrittenBack() {
    browser.click(start("s"), "Approve");
    AuthRecord stored = app.store().get(ADA).orElseThrow();
    AccessToken old = stored.token();
    // Time passes: the stored token has expired, and Google no longer accepts it.
    app.store().put(stored.withTokens(old, stored.refreshToken(), Instant.now().minusSeconds(5)));
    google.oauth().expireAccessTokens();

    AuthEntity auth = site.load(app.store(), ADA).orElseThrow();
    HttpResult info = auth.get(google.url() + "/v1/userinfo");

    assertThat(info.status()).isEqualTo(200);
    AuthRecord after = app.store().get(ADA).orElseThrow();
    assertThat(after.token()).isNotEqualTo(old);
    assertThat(((AccessToken.Bearer) after.token()).value()).startsWith("ya29.");
    assertThat(after.expiresAt()).isAfter(Instant.now());
    assertThat(after.refreshToken()).isNotNull();
    assertThat(auth.accessToken()).isEqualTo(after.token());
  }

  @Test
  void revokedAccessTokenIsRefreshedAfterA401() {
    browser.click(start("s"), "Approve");
    AccessToken old = app.store().get(ADA).orElseThrow().token();
    google.oauth().expireAccessTokens();
    AuthEntity auth = site.load(app.store(), ADA).orElseThrow();
    assertThat(auth.get(google.url() + "/v1/userinfo").status()).isEqualTo(200);
    assertThat(app.store().get(ADA).orElseThrow().token()).isNotEqualTo(old);
  }
}
