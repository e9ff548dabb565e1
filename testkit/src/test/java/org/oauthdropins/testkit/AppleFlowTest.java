package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.sites.apple.Apple;
import org.oauthdropins.sites.apple.AppleAuth;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** Sign in with Apple's quirks, against the fake Apple; the site contract covers the rest. */
class AppleFlowTest {

  private static final String CALLBACK = "/apple/oauth_callback";

  private FakeApple apple;
  private TestApp app;
  private OAuth2Site<AppleAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    apple = new FakeApple();
    site = Apple.create(apple.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, apple);
  }

  @AfterEach
  void tearDown() {
    app.close();
    apple.close();
  }

  private Browser.Page start() {
    return browser.post(app.url("/apple/start"), Map.of("state", "s"));
  }

  private static List<Browser.Sent> callbacks(Browser b) {
    return b.history().stream().filter(s -> s.url().getPath().equals(CALLBACK)).toList();
  }

  @Test
  void theNameComesOnlyWithTheFirstFormPostAndIsKeptAtLaterLogins() {
    Browser.Page consent = start();
    assertThat(consent.query())
        .containsEntry("response_mode", "form_post")
        .containsEntry("scope", "openid name email")
        .containsKey("nonce")
        .doesNotContainKey("code_challenge");

    Browser.Page first = browser.click(consent, "Approve");
    Browser.Page second = browser.click(start(), "Approve");

    List<Browser.Sent> posts = callbacks(browser);
    assertThat(posts).extracting(Browser.Sent::method).containsExactly("POST", "POST");
    assertThat(posts.get(0).params()).containsKeys("code", "state", "user");
    assertThat(posts.get(1).params()).containsKeys("code", "state").doesNotContainKey("user");
    assertThat(posts.get(0).url().getRawQuery()).isNull();
    Key key = Key.fromUrlsafe(first.query().get("auth_entity"));
    assertThat(Key.fromUrlsafe(second.query().get("auth_entity"))).isEqualTo(key);
    assertThat(key).isEqualTo(new Key("AppleAuth", "001234.5f0e6c9d8b7a4c3e9f1a2b3c4d5e6f70.1234"));
    AppleAuth ada = site.load(app.store(), key).orElseThrow();
    assertThat(ada.userDisplayName()).isEqualTo("Ada Lovelace");
    assertThat(ada.firstName()).isEqualTo("Ada");
    assertThat(ada.lastName()).isEqualTo("Lovelace");
    assertThat(ada.email()).isEqualTo("x7q2b9c4d1@privaterelay.appleid.com");
    assertThat(ada.isPrivateEmail()).isTrue();
    assertThat(ada.emailVerified()).isTrue();
    assertThat(ada.idTokenClaims().path("iss").asText()).isEqualTo(apple.issuer());
    assertThat(apple.lastSecretProblem()).isNull();
  }

  @Test
  void aFormPostWithoutTheCookieIsCarriedOverASameSiteHopThatKeepsTheCodeInTheBody() {
    Browser.Page consent = start();
    // A cross-site POST carries no SameSite=Lax cookie: a browser without the app's cookies
    // stands for it. Its POST gets the app's relay page, whose POST again has no cookie here.
    Browser crossSite = new Browser();
    Browser.Page refused = crossSite.click(consent, "Approve");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("not started in this browser");
    List<Browser.Sent> posts = callbacks(crossSite);
    assertThat(posts).hasSize(2);
    Browser.Sent fromApple = posts.get(0);
    Browser.Sent relayed = posts.get(1);
    assertThat(relayed.method()).isEqualTo("POST");
    assertThat(relayed.url().getRawQuery()).isNull();
    assertThat(relayed.params())
        .containsAllEntriesOf(fromApple.params())
        .containsEntry("oauthdropins_relayed", "1");

    // The browser that started the login sends the relayed POST from the app's own page, so its
    // cookie goes along; the refused attempts above consumed nothing.
    Browser.Page done = browser.send(relayed);

    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsKey("auth_entity").containsEntry("state", "s");
  }

  @Test
  void aRelayedPostIsRelayedNoFurtherAndAGetIsNotRelayed() {
    Browser.Page consent = start();
    Browser crossSite = new Browser();
    crossSite.click(consent, "Approve");
    Browser.Sent relayed = callbacks(crossSite).get(1);

    Browser.Page again = new Browser().send(relayed);
    Browser.Page get =
        new Browser().get(app.url(CALLBACK + "?code=abc&state=" + relayed.params().get("state")));

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("not started in this browser");
    assertThat(get.status()).isEqualTo(400);
    assertThat(get.body()).contains("not started in this browser");
  }

  /** A cross-site form_post as a script sends it, with the Host header it chooses. */
  private static RawHttp postWithHost(TestApp to, String host) {
    return RawHttp.send(
        to.url().getPort(), "POST", CALLBACK, host, List.of(), "state=s&code=CODE-FOR-THE-RELAY");
  }

  @Test
  void aFormPostForAnotherHostThanTheBaseUrlGetsNoRelayPage() {
    try (TestApp configured = new TestApp(new MemoryStore())) {
      configured.baseUrl(BaseUrl.of(configured.url().toString())).mount(site, apple);

      for (String host :
          List.of("evil.example", "evil.example:" + configured.url().getPort(), "localhost")) {
        RawHttp refused = postWithHost(configured, host);

        assertThat(refused.status()).as(host).isEqualTo(400);
        assertThat(refused.body())
            .as(host)
            .contains("another host than the app's base URL")
            .doesNotContain("<form")
            .doesNotContain("CODE-FOR-THE-RELAY");
      }
      RawHttp own = postWithHost(configured, configured.url().getRawAuthority());
      assertThat(own.status()).isEqualTo(200);
      assertThat(Jsoup.parse(own.body()).select("form").attr("action"))
          .as("the callback under the configured base URL")
          .isEqualTo(configured.url() + CALLBACK);
      assertThat(own.body()).contains("CODE-FOR-THE-RELAY");
    }
  }

  @Test
  void inLoopbackModeAFormPostForAHostOffThisMachineGetsNoRelayPage() {
    RawHttp refused = postWithHost(app, "evil.example:" + app.url().getPort());

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("only on localhost").doesNotContain("<form");
  }

  @Test
  void aForgedUserFieldNamesTheUserButNeverChangesTheVerifiedEmail() {
    Browser.Page consent = start();
    Browser crossSite = new Browser();
    crossSite.click(consent, "Approve");
    Browser.Sent relayed = callbacks(crossSite).get(1);
    Map<String, String> forged = new java.util.LinkedHashMap<>(relayed.params());
    // The user field is not signed: whoever carries the form can write anything into it.
    forged.put(
        "user",
        "{\"name\":{\"firstName\":\"Eve\",\"lastName\":\"Forger\"},"
            + "\"email\":\"victim@example.com\",\"email_verified\":true,"
            + "\"is_private_email\":false}");

    Browser.Page done = browser.send(relayed.withParams(forged));

    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    AppleAuth stored = site.load(app.store(), key).orElseThrow();
    assertThat(stored.email()).isEqualTo("x7q2b9c4d1@privaterelay.appleid.com");
    assertThat(stored.isPrivateEmail()).isTrue();
    assertThat(stored.userJson().toString()).doesNotContain("victim@example.com");
    // The name has no other source than this field (Apple sends it once, unsigned).
    assertThat(stored.firstName()).isEqualTo("Eve");
  }

  @Test
  void aCrossSitePostWithAnOversizeFieldIsRefusedNotRelayed() {
    Browser crossSite = new Browser();

    Browser.Page refused =
        crossSite.post(app.url(CALLBACK), Map.of("state", "s", "user", "x".repeat(16 * 1024 + 1)));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("user parameter is too long");
    Browser.Page atTheLimit =
        crossSite.post(app.url(CALLBACK), Map.of("state", "s", "user", "x".repeat(16 * 1024)));
    // 16 KiB is still relayed; the relayed post then fails as any login this browser did not start.
    assertThat(atTheLimit.body())
        .doesNotContain("too long")
        .contains("this login was not started in this browser");
  }

  @Test
  void theCallbackOfASiteWithoutFormPostRefusesAPost() {
    try (FakeGitHub github = new FakeGitHub()) {
      app.mount(GitHub.create(github.options()), github);

      Browser.Page post = browser.post(app.url("/github/oauth_callback"), Map.of("state", "x"));

      assertThat(post.status()).isEqualTo(400);
      assertThat(post.body()).contains("this callback takes GET");
    }
  }

  @Test
  void theFakeRefusesClientSecretsAppleWouldRefuse() {
    Instant now = Instant.now();
    JWSHeader es256 = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(FakeApple.KEY_ID).build();
    JWTClaimsSet.Builder good =
        new JWTClaimsSet.Builder()
            .issuer(FakeApple.TEAM_ID)
            .subject(apple.credentials().clientId())
            .audience("https://appleid.apple.com")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(600)));

    assertThat(FakeApple.secretProblem(FakeApple.signAsTheApp(es256, good.build()))).isNull();
    assertThat(FakeApple.secretProblem(apple.credentials().clientSecret()))
        .isEqualTo("not a signed JWT");
    assertThat(
            FakeApple.secretProblem(
                FakeApple.signAsTheApp(
                    new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("OTHERKEY").build(),
                    good.build())))
        .isEqualTo("kid is not the key id");
    assertThat(
            FakeApple.secretProblem(
                FakeApple.signAsTheApp(es256, good.issuer("OTHERTEAM").build())))
        .isEqualTo("iss is not the team id");
    assertThat(
            FakeApple.secretProblem(
                FakeApple.signAsTheApp(
                    es256, good.issuer(FakeApple.TEAM_ID).audience(apple.issuer()).build())))
        .startsWith("aud is not");
    assertThat(
            FakeApple.secretProblem(
                FakeApple.signAsTheApp(
                    es256,
                    good.audience("https://appleid.apple.com")
                        .expirationTime(Date.from(now.plusSeconds(15_777_001L)))
                        .build())))
        .isEqualTo("lives longer than six months");
  }
}
