package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.PendingStorage;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.sites.indieauth.IndieAuth;
import org.oauthdropins.sites.indieauth.IndieAuthSite;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.memory.MemoryStore;

/** The whole IndieAuth login over loopback HTTP, against the fake server and home pages. */
class IndieAuthFlowTest {

  private FakeIndieAuth indie;
  private TestApp app;
  private OAuth2Site<IndieAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    indie = new FakeIndieAuth();
    site = IndieAuthSite.create(indie.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site);
  }

  @AfterEach
  void tearDown() {
    app.close();
    indie.close();
  }

  private Browser.Page start(Map<String, String> form) {
    return browser.post(app.url("/indieauth/start"), form);
  }

  private Browser.Page start(String me, String state) {
    return start(Map.of("me", me, "state", state));
  }

  private IndieAuth load(Browser.Page done) {
    return site.load(app.store(), Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
  }

  @Test
  void approveVerifiesTheSiteAndStoresTheHCard() {
    assertThat(site.button().input()).isEqualTo("me");
    Browser.Page consent = start(indie.startParams().get("me"), "app-state");
    assertThat(consent.url().getPath()).isEqualTo("/auth");
    Map<String, String> q = consent.query();
    assertThat(q)
        .containsEntry("client_id", app.url() + "/")
        .containsEntry("me", indie.alice())
        .containsEntry("scope", "profile")
        .containsEntry("code_challenge_method", "S256")
        .doesNotContainKey("code_verifier");
    assertThat(q.get("state")).doesNotContain("verifier");

    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.url().getPath()).isEqualTo("/after");
    // Profile scope only: redeemed at the authorization endpoint, so no token.
    assertThat(done.query()).containsEntry("state", "app-state").doesNotContainKey("access_token");
    IndieAuth auth = load(done);
    assertThat(auth.key()).isEqualTo(new Key("IndieAuth", indie.alice()));
    assertThat(auth.me()).isEqualTo(indie.alice());
    assertThat(auth.userDisplayName()).isEqualTo("Alice Example");
    assertThat(auth.imageUrl()).isEqualTo(indie.url() + "/photo.jpg");
    assertThat(auth.relMe())
        .containsExactly("https://github.com/alice", "https://mastodon.example/@alice");
    assertThat(auth.userJson().path("h-card").path("properties").path("name").size()).isEqualTo(1);
    assertThat(auth.accessToken()).isNull();
  }

  @Test
  void scopesBeyondProfileGetTokensWhichRefresh() {
    Browser.Page consent =
        start(Map.of("me", indie.alice(), "scope", "create update", "state", "s"));
    assertThat(consent.query()).containsEntry("scope", "profile create update");
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.query()).containsKey("access_token").containsKey("refresh_token");
    IndieAuth auth = load(done);
    assertThat(auth.accessToken())
        .isEqualTo(new AccessToken.Bearer(done.query().get("access_token")));
    assertThat(auth.get(indie.url() + "/userinfo").status()).isEqualTo(200);

    String oldRefresh = auth.refreshToken();
    assertThat(auth.refresh()).isTrue();
    assertThat(auth.refreshToken()).isNotEqualTo(oldRefresh);
    assertThat(app.store().get(auth.key()).orElseThrow().refreshToken())
        .isEqualTo(auth.refreshToken());
    assertThat(auth.get(indie.url() + "/userinfo").status()).isEqualTo(200);
  }

  @Test
  void aDisconnectRevokesTheTokensAtTheRevocationEndpointOfTheServersMetadata() {
    Browser.Page done =
        browser.click(
            start(Map.of("me", indie.alice(), "scope", "create", "state", "s")), "Approve");
    IndieAuth auth = load(done);
    assertThat(auth.get(indie.url() + "/userinfo").status()).isEqualTo(200);

    Browser.Page gone =
        browser.post(
            app.url("/indieauth/disconnect"),
            Map.of("auth_entity", done.query().get("auth_entity")));

    assertThat(gone.query()).as(gone.body()).containsEntry("disconnected", "true");
    assertThat(app.store().get(auth.key())).isEmpty();
    assertThat(auth.get(indie.url() + "/userinfo").status()).isEqualTo(401);
  }

  @Test
  void aTokensExpiryCountsFromTheSitesClock() {
    Instant now = Instant.parse("2030-01-02T03:04:05Z");
    OAuth2Site<IndieAuth> timed =
        IndieAuthSite.builder(indie.options()).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(timed)) {
      Browser.Page consent =
          browser.post(
              other.url("/indieauth/start"),
              Map.of("me", indie.alice(), "scope", "create", "state", "s"));
      Browser.Page done = browser.click(consent, "Approve");
      IndieAuth auth =
          timed.load(other.store(), Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
      // The fake issues tokens for an hour.
      assertThat(auth.record().expiresAt()).isEqualTo(now.plusSeconds(3600));
    }
  }

  @Test
  void aCallbackFromAnotherIssuerOrWithoutIssIsRefused() {
    String state = start(indie.alice(), "s").query().get("state");
    Browser.Page forged =
        browser.get(
            app.url(
                "/indieauth/oauth_callback?code=x&iss=https%3A%2F%2Fevil.example%2F&state="
                    + state));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).contains("another authorization server");

    String state2 = start(indie.alice(), "s").query().get("state");
    Browser.Page bare = browser.get(app.url("/indieauth/oauth_callback?code=x&state=" + state2));
    assertThat(bare.status()).isEqualTo(400);
    assertThat(bare.body()).contains("lacks iss");
  }

  @Test
  void aRedirectedSiteIsAcceptedAsTheFinalUrl() {
    Browser.Page done = browser.click(start(indie.url() + "/moved", "s"), "Approve");
    assertThat(done.status()).isEqualTo(200);
    assertThat(load(done).me()).isEqualTo(indie.alice());
  }

  @Test
  void anotherMeIsAcceptedIfItDeclaresTheSameServer() {
    indie.returnMe(indie.url() + "/bob");
    Browser.Page done = browser.click(start(indie.alice(), "s"), "Approve");
    assertThat(done.status()).isEqualTo(200);
    IndieAuth auth = load(done);
    assertThat(auth.me()).isEqualTo(indie.url() + "/bob");
    assertThat(auth.userDisplayName()).isEqualTo("Bob");
  }

  @Test
  void aMeThatPointsElsewhereIsRefused() {
    try (FakeIndieAuth other = new FakeIndieAuth()) {
      // A malicious server vouches for a site whose owner uses another server.
      indie.returnMe(other.alice());
      Browser.Page done = browser.click(start(indie.alice(), "s"), "Approve");
      assertThat(done.status()).isEqualTo(502);
      assertThat(done.body()).contains("does not declare that server");
      assertThat(app.store().get(new Key("IndieAuth", other.alice()))).isEmpty();
    }
  }

  @Test
  void aMeThatResolvesToAPrivateAddressIsRefused() {
    GuardPolicy.Resolver dns =
        host -> {
          if (host.equals("internal.example")) {
            return List.of(InetAddress.getByName("10.0.0.7"));
          }
          throw new UnknownHostException(host);
        };
    Site<?> guarded =
        IndieAuthSite.create(
            SiteOptions.defaults()
                .withTransport(
                    new GuardedTransport(GuardPolicy.LOCAL_DEVELOPMENT.withResolver(dns))));
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(guarded)) {
      indie.returnMe("https://internal.example/");
      Browser.Page consent =
          browser.post(other.url("/indieauth/start"), Map.of("me", indie.alice()));
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.status()).isEqualTo(502);
      assertThat(done.body()).contains("non-public");

      Browser.Page typed =
          browser.post(other.url("/indieauth/start"), Map.of("me", "internal.example"));
      assertThat(typed.status()).isEqualTo(400);
      assertThat(typed.body()).contains("non-public");
    }
  }

  @Test
  void withoutTheOptInLoopbackAndPrivateSitesAreRefused() {
    GuardPolicy.Resolver dns =
        host -> {
          if (host.equals("intranet.example")) {
            return List.of(InetAddress.getByName("192.168.1.10"));
          }
          if (host.equals("v6.example")) {
            return List.of(InetAddress.getByName("fd00::7"));
          }
          throw new UnknownHostException(host);
        };
    Site<?> strict =
        IndieAuthSite.create(
            SiteOptions.defaults()
                .withTransport(new GuardedTransport(GuardPolicy.STRICT.withResolver(dns))));
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(strict)) {
      for (String me : List.of(indie.alice(), "intranet.example", "https://v6.example/")) {
        Browser.Page page = browser.post(other.url("/indieauth/start"), Map.of("me", me));
        assertThat(page.status()).as(me).isEqualTo(400);
      }
    }
  }

  @Test
  void legacyEndpointLinksAreFollowed() {
    Browser.Page consent = start(indie.url() + "/legacy", "s");
    assertThat(consent.url().getPath()).isEqualTo("/auth");
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(200);
    IndieAuth auth = load(done);
    assertThat(auth.me()).isEqualTo(indie.url() + "/legacy");
    assertThat(auth.userDisplayName()).isEqualTo("Lee Gacy");
  }

  @Test
  void theClientIdCanBeConfigured() {
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore())) {
      String clientId = other.url() + "/about";
      other.mount(
          IndieAuthSite.create(indie.options().withCredentials(new Credentials(clientId, ""))));
      Browser.Page consent =
          browser.post(other.url("/indieauth/start"), Map.of("me", indie.alice()));
      assertThat(consent.query()).containsEntry("client_id", clientId);
      assertThat(browser.click(consent, "Approve").query()).containsKey("auth_entity");
    }
    // A client id on another origin than the callback: the fake, fetching no client metadata,
    // refuses it as a real server would without metadata that lists the redirect URI.
    Site<?> elsewhere =
        IndieAuthSite.create(
            indie.options().withCredentials(new Credentials("https://app.example/", "")));
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(elsewhere)) {
      Browser.Page consent =
          browser.post(other.url("/indieauth/start"), Map.of("me", indie.alice()));
      assertThat(consent.status()).isEqualTo(400);
      assertThat(consent.body()).contains("not on the client_id's origin");
    }
  }

  @Test
  void redemptionErrorsAre502() {
    indie.failNextRedeem(FakeResponse.json(400, Map.of("error", "invalid_grant")));
    Browser.Page done = browser.click(start(indie.alice(), "s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("invalid_grant");
  }

  @Test
  void badInputIs400() {
    assertThat(start(Map.of()).status()).isEqualTo(400);
    for (String bad :
        List.of(
            "mailto:user@example.com",
            "https://example.com/#me",
            "https://user:pass@example.com/",
            "https://example.com/foo/../bar",
            "https://example.com:8443/",
            "https://172.28.92.51/")) {
      assertThat(start(bad, "s").status()).as(bad).isEqualTo(400);
    }
  }

  @Test
  void aSiteWithoutAServerIs400() {
    Browser.Page page = start(indie.url() + "/photo.jpg", "s");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("no IndieAuth server");
  }

  @Test
  void aPageThatDeclaresNoServerIs400WithoutTheFallback() {
    Browser.Page page = start(indie.carol(), "s");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("no IndieAuth server is declared at " + indie.carol());
  }

  /**
   * A store that keeps each pending login as the version before the pipeline wrote IndieAuth's: the
   * keys both versions share as they are, and the typed site and the scope under their earlier keys
   * instead of the pipeline's.
   */
  private static final class EarlierVersionStore extends ForwardingStore {
    private final String typed;
    private final String scope;

    EarlierVersionStore(String typed, String scope) {
      super(new MemoryStore());
      this.typed = typed;
      this.scope = scope;
    }

    @Override
    public void putPending(PendingLogin login) {
      delegate().putPending(earlier(login));
    }

    @Override
    public void putPendingOfNewBrowser(PendingLogin login) {
      delegate().putPendingOfNewBrowser(earlier(login));
    }

    private PendingLogin earlier(PendingLogin p) {
      Map<String, String> data = new HashMap<>();
      for (String key :
          List.of(
              "client_id", "authorization_endpoint", "token_endpoint", "issuer", "code_verifier")) {
        if (p.data().containsKey(key)) {
          data.put(key, p.data().get(key));
        }
      }
      data.put("seen", "[\"" + typed + "\"]");
      data.put("scope", scope);
      return new PendingLogin(
          p.id(), p.site(), p.browserHash(), p.appState(), p.redirectUri(), data, p.expiresAt());
    }
  }

  @Test
  void aLoginStartedBeforeTheUpgradeFinishesAfterIt() {
    AuthStore store = new EarlierVersionStore(indie.alice(), "profile create");
    // In the store, where the earlier version kept it.
    try (TestApp other =
        TestApp.withTokensInFinish(store).pendingLogins(PendingStorage.IN_STORE).mount(site)) {
      Browser.Page consent =
          browser.post(
              other.url("/indieauth/start"),
              Map.of("me", indie.alice(), "scope", "create", "state", "s"));
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      IndieAuth auth =
          site.load(store, Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
      assertThat(auth.me()).isEqualTo(indie.alice());
      assertThat(auth.accessToken()).isNotNull();
      assertThat(auth.extra().path("token_endpoint").asText()).isEqualTo(indie.url() + "/token");
    }
  }

  @Test
  void aCallbackWithoutIssIsRefusedForALoginStartedBeforeTheUpgrade() {
    AuthStore store = new EarlierVersionStore(indie.alice(), "profile");
    // In the store, where the earlier version kept it.
    try (TestApp other =
        TestApp.withTokensInFinish(store).pendingLogins(PendingStorage.IN_STORE).mount(site)) {
      String state =
          browser
              .post(other.url("/indieauth/start"), Map.of("me", indie.alice()))
              .query()
              .get("state");
      Browser.Page bare = browser.get(other.url("/indieauth/oauth_callback?code=x&state=" + state));
      assertThat(bare.status()).isEqualTo(400);
      assertThat(bare.body()).contains("lacks iss");
    }
  }

  /** The site, with the fallback to the fake's hosted service, mounted on an app of its own. */
  private TestApp withFallback() {
    OAuth2Site<IndieAuth> fallback =
        IndieAuthSite.builder(indie.options()).fallbackService(indie.hostedService()).build();
    return TestApp.withTokensInFinish(new MemoryStore()).mount(fallback);
  }

  @Test
  void withTheFallbackAPageThatDeclaresNoServerSignsInThroughTheHostedService() {
    try (TestApp other = withFallback()) {
      Browser.Page consent =
          browser.post(
              other.url("/indieauth/start"),
              Map.of("me", indie.carol(), "scope", "profile create", "state", "s"));
      assertThat(consent.url().getPath()).isEqualTo("/hosted/auth");
      assertThat(consent.query())
          .containsEntry("me", indie.carol())
          .containsEntry("code_challenge_method", "S256")
          .containsKey("code_challenge");

      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(done.query()).containsEntry("state", "s").doesNotContainKey("access_token");
      IndieAuth auth =
          IndieAuthSite.create(indie.options())
              .load(other.store(), Key.fromUrlsafe(done.query().get("auth_entity")))
              .orElseThrow();
      assertThat(auth.me()).isEqualTo(indie.carol());
      assertThat(auth.userDisplayName()).isEqualTo("Carol Plain");
      assertThat(auth.extra().path("authorization_endpoint").asText())
          .isEqualTo(indie.hostedService().toString());
    }
  }

  @Test
  void theHostedServiceIsNeverAskedForASiteThatDeclaresItsOwnServer() {
    try (TestApp other = withFallback()) {
      Browser.Page consent =
          browser.post(other.url("/indieauth/start"), Map.of("me", indie.alice()));
      assertThat(consent.url().getPath()).isEqualTo("/auth");
    }
  }

  @Test
  void theHostedServiceMayVouchOnlyForTheSiteTheUserTyped() {
    try (TestApp other = withFallback();
        FakeIndieAuth elsewhere = new FakeIndieAuth()) {
      // Another page without a server of its own, and a page that declares another server.
      for (String vouched : List.of(elsewhere.carol(), indie.alice())) {
        indie.returnMe(vouched);
        Browser.Page consent =
            browser.post(other.url("/indieauth/start"), Map.of("me", indie.carol()));
        Browser.Page done = browser.click(consent, "Approve");
        assertThat(done.status()).as(vouched).isEqualTo(502);
        assertThat(other.store().get(new Key("IndieAuth", vouched))).isEmpty();
      }
    }
  }
}
