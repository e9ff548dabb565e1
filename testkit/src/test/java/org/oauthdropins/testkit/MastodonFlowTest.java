package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Callback;
import org.oauthdropins.Finish;
import org.oauthdropins.PendingStorage;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.Start;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.sites.mastodon.MastodonAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.memory.MemoryStore;

/** The whole Mastodon login over loopback HTTP, against the fake Mastodon instance. */
class MastodonFlowTest {

  private FakeMastodon mastodon;
  private TestApp app;
  private OAuth2Site<MastodonAuth> site;
  private final Browser browser = new Browser();
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void setUp() {
    mastodon = new FakeMastodon();
    site = Mastodon.builder(mastodon.options()).clock(clock).build();
    app = TestApp.withTokensInFinish(new MemoryStore(clock)).clock(clock).mount(site);
  }

  @AfterEach
  void tearDown() {
    app.close();
    mastodon.close();
  }

  private Browser.Page start(Map<String, String> form) {
    return browser.post(app.url("/mastodon/start"), form);
  }

  private Browser.Page start(String state) {
    return start(Map.of("instance", mastodon.url().toString(), "state", state));
  }

  private String host() {
    return mastodon.url().getRawAuthority();
  }

  @Test
  void approveRegistersTheAppAndStoresTheAccount() {
    assertThat(site.button().input()).isEqualTo("instance");
    assertThat(mastodon.startParams()).containsEntry("instance", mastodon.url().toString());

    Browser.Page consent = start("app-state");
    assertThat(consent.status()).isEqualTo(200);
    assertThat(consent.url().getPath()).isEqualTo("/oauth/authorize");
    Map<String, String> q = consent.query();
    assertThat(q)
        .containsEntry("client_id", mastodon.credentials().clientId())
        .containsEntry("scope", "read:accounts")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("redirect_uri", app.url("/mastodon/oauth_callback").toString());
    assertThat(mastodon.registrations()).isEqualTo(1);
    AppRegistration reg = app.store().getApp("mastodon", mastodon.url().toString()).orElseThrow();
    assertThat(reg.clientSecret()).isEqualTo(mastodon.credentials().clientSecret());
    assertThat(reg.toString()).doesNotContain(reg.clientSecret());

    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsEntry("state", "app-state").containsKey("access_token");
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    assertThat(key).isEqualTo(new Key("MastodonAuth", "@alice@" + host()));

    MastodonAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.instance()).isEqualTo(mastodon.url().toString());
    assertThat(auth.username()).isEqualTo("alice");
    assertThat(auth.userId()).isEqualTo("109302");
    assertThat(auth.actorId()).isEqualTo(mastodon.url() + "/users/alice");
    assertThat(auth.userDisplayName()).isEqualTo("@alice@" + host());
    assertThat(auth.imageUrl()).isEqualTo(mastodon.url() + "/avatars/alice.png");
    assertThat(auth.accessToken())
        .isEqualTo(new AccessToken.Bearer(done.query().get("access_token")));
    assertThat(auth.refreshToken()).isNull();
    assertThat(auth.api("/api/v1/accounts/verify_credentials").json().path("acct").asText())
        .isEqualTo("alice");
    // Each login's API is its instance's.
    assertThat(auth.apiUrl("/api/v1/accounts/verify_credentials"))
        .isEqualTo(mastodon.url() + "/api/v1/accounts/verify_credentials");
    assertThat(auth.get(auth.apiUrl("/api/v1/accounts/verify_credentials")).status())
        .isEqualTo(200);
  }

  @Test
  void aRevokedTokenIsAnsweredAs401WithoutAskingForTheRegistration() {
    // Mastodon's tokens never refresh: a 401 on an API call is the instance's answer, even when
    // the registration the login was made with has left the store meanwhile.
    Browser.Page done = browser.click(start("s"), "Approve");
    MastodonAuth auth =
        site.load(app.store(), Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
    mastodon.expireAccessTokens();
    app.store().deleteApp("mastodon", mastodon.url().toString());

    assertThat(auth.api("/api/v1/accounts/verify_credentials").status()).isEqualTo(401);
    assertThat(auth.refresh()).isFalse();
    assertThat(app.store().getApp("mastodon", mastodon.url().toString())).isEmpty();
  }

  @Test
  void aLoginStartedBeforeAnUpgradeFinishesAfterIt() {
    // The pending login as versions before the OAuth 2 pipeline wrote it (InstanceSite's
    // InstanceLogin): the instance, the registration it started with and the PKCE verifier.
    AuthStore earlierVersion =
        new ForwardingStore(new MemoryStore(clock)) {
          @Override
          public void putPending(PendingLogin login) {
            super.putPending(earlier(login));
          }

          @Override
          public void putPendingOfNewBrowser(PendingLogin login) {
            super.putPendingOfNewBrowser(earlier(login));
          }

          private PendingLogin earlier(PendingLogin now) {
            Map<String, String> data =
                Map.of(
                    "instance", mastodon.url().toString(),
                    "client_id", now.data().get("client_id"),
                    "client_secret", now.data().get("client_secret"),
                    "code_verifier", now.data().get("code_verifier"));
            return new PendingLogin(
                now.id(),
                now.site(),
                now.browserHash(),
                now.appState(),
                now.redirectUri(),
                data,
                now.expiresAt());
          }
        };
    // In the store, where the earlier version kept it.
    try (TestApp upgraded =
        TestApp.withTokensInFinish(earlierVersion)
            .clock(clock)
            .pendingLogins(PendingStorage.IN_STORE)
            .mount(site)) {
      Browser.Page consent =
          browser.post(
              upgraded.url("/mastodon/start"),
              Map.of("instance", mastodon.url().toString(), "state", "before"));
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.url().getPath()).as(done.body()).isEqualTo("/after");
      assertThat(done.query()).containsEntry("state", "before").containsKey("auth_entity");
    }
  }

  @Test
  void theRegistrationIsReusedAcrossLogins() {
    browser.click(start("one"), "Approve");
    Browser.Page second = start("two");
    assertThat(browser.click(second, "Approve").query()).containsEntry("state", "two");
    assertThat(mastodon.registrations()).isEqualTo(1);
  }

  @Test
  void allowedScopesAreRegisteredOnceAndAskedForWhenTheStartDoes() {
    Site<?> allowing =
        Mastodon.builder(mastodon.options())
            .scopes(List.of("write:statuses", "read:statuses"))
            .build();
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(allowing)) {
      Browser.Page plain =
          browser.post(other.url("/mastodon/start"), Map.of("instance", mastodon.url().toString()));
      assertThat(plain.query()).containsEntry("scope", "read:accounts");
      assertThat(mastodon.registeredScopes())
          .containsExactlyInAnyOrder("read:accounts", "write:statuses", "read:statuses");
      assertThat(mastodon.registeredRedirectUris())
          .containsExactly(other.url("/mastodon/oauth_callback").toString());
      assertThat(mastodon.registeredWebsites()).containsExactly(other.url().toString());

      Browser.Page consent =
          browser.post(
              other.url("/mastodon/start"),
              Map.of(
                  "instance", mastodon.url().toString(), "scope", "write:statuses read:statuses"));
      assertThat(consent.query())
          .containsEntry("scope", "read:accounts write:statuses read:statuses");
      assertThat(browser.click(consent, "Approve").query()).containsKey("auth_entity");
      assertThat(mastodon.registrations()).isEqualTo(1);

      Browser.Page refused =
          browser.post(
              other.url("/mastodon/start"),
              Map.of("instance", mastodon.url().toString(), "scope", "write:media"));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("does not ask Mastodon for write:media");
    }
  }

  @Test
  void aForgottenRegistrationIsRegisteredAgainBeforeTheLoginAtMostOnceAnHour() {
    browser.click(start("one"), "Approve");
    String firstClient = mastodon.credentials().clientId();
    mastodon.forgetApps();

    Browser.Page tooSoon = start("two");
    assertThat(tooSoon.status()).isEqualTo(502);
    assertThat(tooSoon.body()).contains("less than an hour ago");
    assertThat(mastodon.registrations()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(61));
    Browser.Page consent = start("three");
    assertThat(consent.status()).isEqualTo(200);
    assertThat(mastodon.registrations()).isEqualTo(2);
    assertThat(consent.query().get("client_id")).isNotEqualTo(firstClient);
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.query())
        .as(done.status() + " " + done.url() + " " + done.body())
        .containsEntry("state", "three");
  }

  @Test
  void anInvalidClientTheInstanceConfirmsMeansRegisteringAgain() {
    Browser.Page consent = start("s");
    String firstClient = mastodon.credentials().clientId();
    mastodon.forgetAppsAtNextToken();
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("no longer knows this app").doesNotContain("Exception");

    clock.advance(Duration.ofMinutes(61));
    Browser.Page again = start("again");
    assertThat(again.query().get("client_id")).isNotEqualTo(firstClient);
    assertThat(browser.click(again, "Approve").query()).containsKey("auth_entity");
    assertThat(mastodon.registrations()).isEqualTo(2);
  }

  @Test
  void aRevokedAppTokenAloneKeepsTheRegistration() {
    browser.click(start("one"), "Approve");
    String client = mastodon.credentials().clientId();
    mastodon.revokeAppTokens();

    Browser.Page consent = start("two");
    assertThat(consent.query()).containsEntry("client_id", client);
    assertThat(browser.click(consent, "Approve").query()).containsEntry("state", "two");
    assertThat(mastodon.registrations()).isEqualTo(1);
  }

  @Test
  void aRegistrationNoLoginUsedExpiresAfterADayAndOneInUseAfterNinetyDays() {
    String instance = mastodon.url().toString();
    start("never finished");
    clock.advance(Duration.ofHours(25));
    assertThat(app.store().getApp("mastodon", instance)).as("unused for a day").isEmpty();

    browser.click(start("used"), "Approve");
    assertThat(mastodon.registrations()).isEqualTo(2);
    clock.advance(Duration.ofDays(89));
    assertThat(app.store().getApp("mastodon", instance)).as("used 89 days ago").isPresent();
    browser.click(start("used again"), "Approve");
    clock.advance(Duration.ofDays(89));
    assertThat(app.store().getApp("mastodon", instance)).as("used again 89 days ago").isPresent();
    clock.advance(Duration.ofDays(2));
    assertThat(app.store().getApp("mastodon", instance)).as("unused for 91 days").isEmpty();
    assertThat(mastodon.registrations()).isEqualTo(2);
  }

  @Test
  void missingOrMalformedInstanceIs400() {
    assertThat(start(Map.of()).status()).isEqualTo(400);
    for (String bad :
        List.of(
            mastodon.url() + "/some/path",
            mastodon.url() + "/?q=1",
            "ftp://mastodon.social",
            "not a host!")) {
      Browser.Page page = start(Map.of("instance", bad));
      assertThat(page.status()).as(bad).isEqualTo(400);
    }
    assertThat(mastodon.registrations()).isZero();
  }

  @Test
  void somethingElseThanMastodonIs400() {
    try (FakePixelfed pixelfed = new FakePixelfed()) {
      Browser.Page page = start(Map.of("instance", pixelfed.url().toString()));
      assertThat(page.status()).isEqualTo(400);
      assertThat(page.body()).contains("doesn't look like a Mastodon instance");
      assertThat(pixelfed.registrations()).isZero();
    }
  }

  @Test
  void withoutTheOptInTheGuardRefusesLoopbackHttpAndPrivateInstances() {
    GuardPolicy.Resolver dns =
        host -> {
          if (host.equals("social.internal.example")) {
            return List.of(InetAddress.getByName("10.1.2.3"));
          }
          if (host.equals("rebound.example")) {
            return List.of(InetAddress.getByName("127.0.0.1"));
          }
          throw new java.net.UnknownHostException(host);
        };
    Site<?> strict =
        Mastodon.create(
            SiteOptions.defaults()
                .withTransport(new GuardedTransport(GuardPolicy.STRICT.withResolver(dns))));
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(strict)) {
      for (String instance :
          List.of(
              mastodon.url().toString(), // http, and loopback
              "social.internal.example",
              "@alice@rebound.example",
              "https://[fd12::1]/",
              "169.254.169.254")) {
        Browser.Page page =
            browser.post(other.url("/mastodon/start"), Map.of("instance", instance));
        assertThat(page.status()).as(instance).isEqualTo(400);
        assertThat(page.body()).as(instance).containsAnyOf("https", "non-public");
      }
    }
    assertThat(mastodon.registrations()).isZero();
  }

  @Test
  void aHandleInsideTheInstanceUrlNamesTheInstanceAsInThePythonLibrary() {
    // Issue 28: Python takes the host of https://alice@host (6.8), and of any URL; the handle is
    // dropped: the account is whoever approves at the instance.
    for (String typed :
        List.of(
            "http://@alice@" + host(),
            "http://alice@" + host() + "/",
            mastodon.url() + "/@alice")) {
      Browser.Page consent = start(Map.of("instance", typed, "state", "h"));
      assertThat(consent.status()).as(typed + ": " + consent.body()).isEqualTo(200);
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.query()).as(typed).containsEntry("state", "h");
      assertThat(Key.fromUrlsafe(done.query().get("auth_entity")))
          .isEqualTo(new Key("MastodonAuth", "@alice@" + host()));
    }
    assertThat(mastodon.registrations()).isEqualTo(1);
    assertThat(app.store().getApp("mastodon", mastodon.url().toString())).isPresent();
  }

  @Test
  void aLoginStoredWithPythonsFormOfTheInstanceAnswersJavasForm() {
    // Issue 28 #3: the Python library keeps https://host/ (its app's instance); records carried
    // over from it (a store migrated by hand, the Datastore store's reading) may hold that form.
    Browser.Page done = browser.click(start("s"), "Approve");
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    AuthRecord made = app.store().get(key).orElseThrow();
    ObjectNode extra = (ObjectNode) Json.parse(made.extraJson());
    extra.put("instance", mastodon.url() + "/");
    app.store().put(made.withExtraJson(extra.toString()));

    MastodonAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.instance()).isEqualTo(mastodon.url().toString());
    assertThat(auth.actorId()).isEqualTo(mastodon.url() + "/users/alice");
    assertThat(auth.api("/api/v1/accounts/verify_credentials").status()).isEqualTo(200);
  }

  @Test
  void anAppMountedUnderTwoCallbackPathsSharesOneRegistrationPerInstance() {
    // Issue 28: Python registers every REDIRECT_PATHS path in one app; a Java app with a second
    // mount (here: a publishing flow under /publish) must not register again for it.
    OAuth2Site<MastodonAuth> twoPaths =
        Mastodon.builder(mastodon.options())
            .clock(clock)
            .callbackPaths(List.of("/mastodon/oauth_callback", "/publish/mastodon/oauth_callback"))
            .build();
    TestApp two = TestApp.withTokensInFinish(new MemoryStore(clock)).clock(clock).mount(twoPaths);
    try (two) {
      Start publishStart =
          Start.builder(twoPaths, two.store())
              .baseUrl(BaseUrl.loopback())
              .callbackPath("/publish/mastodon/oauth_callback")
              .clock(clock)
              .build();
      Callback publishCallback =
          Callback.builder(twoPaths, two.store())
              .baseUrl(BaseUrl.loopback())
              .finish(Finish.redirectWithTokens("/published", false))
              .build();
      two.page("/publish/mastodon/start", publishStart::handle)
          .page("/publish/mastodon/oauth_callback", publishCallback::handle);
      String instance = mastodon.url().toString();

      Browser.Page first =
          browser.click(
              browser.post(two.url("/mastodon/start"), Map.of("instance", instance)), "Approve");
      assertThat(first.url().getPath()).as(first.body()).isEqualTo("/after");
      Browser.Page publish =
          browser.post(two.url("/publish/mastodon/start"), Map.of("instance", instance));
      assertThat(publish.status()).as(publish.body()).isEqualTo(200);
      assertThat(publish.query())
          .containsEntry("redirect_uri", two.url("/publish/mastodon/oauth_callback").toString());
      Browser.Page published = browser.click(publish, "Approve");
      assertThat(published.url().getPath()).as(published.body()).isEqualTo("/published");
      assertThat(published.query()).containsKey("access_token");

      assertThat(mastodon.registrations()).isEqualTo(1);
      assertThat(mastodon.registeredRedirectUris())
          .containsExactlyInAnyOrder(
              two.url("/mastodon/oauth_callback").toString(),
              two.url("/publish/mastodon/oauth_callback").toString());
    }
  }

  @Test
  void registrationsMadeBeforeTheValidAfterSettingAreMadeAgainOnceAtTheNextLogin() {
    // Issue 28: Python's EXPIRE_APPS_BEFORE, for after an app's redirect URIs changed.
    browser.click(start("one"), "Approve");
    String first = mastodon.credentials().clientId();
    clock.advance(Duration.ofMinutes(5));
    OAuth2Site<MastodonAuth> renewed =
        Mastodon.builder(mastodon.options())
            .clock(clock)
            // A minute ahead of the store's clock, as a server whose clock runs fast.
            .registrationsValidAfter(clock.instant().plus(Duration.ofMinutes(1)))
            .build();
    Start renewedStart =
        Start.builder(renewed, app.store())
            .baseUrl(BaseUrl.loopback())
            .callbackPath("/mastodon/oauth_callback")
            .clock(clock)
            .build();
    app.page("/renewed/start", renewedStart::handle);
    String instance = mastodon.url().toString();

    // Five minutes after the first: the app's setting, not a request, replaces it.
    Browser.Page consent =
        browser.post(app.url("/renewed/start"), Map.of("instance", instance, "state", "two"));
    assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    assertThat(consent.query().get("client_id")).isNotEqualTo(first);
    assertThat(mastodon.registrations()).isEqualTo(2);
    assertThat(browser.click(consent, "Approve").query()).containsEntry("state", "two");

    // Made under the setting, the new one stays, though the store stamped it before that time.
    Browser.Page third =
        browser.post(app.url("/renewed/start"), Map.of("instance", instance, "state", "three"));
    assertThat(third.query().get("client_id")).isEqualTo(mastodon.credentials().clientId());
    assertThat(browser.click(third, "Approve").query()).containsEntry("state", "three");
    assertThat(mastodon.registrations()).isEqualTo(2);
  }

  @Test
  void entityTypeIsMastodonAuth() {
    Browser.Page done = browser.click(start("s"), "Approve");
    AuthEntity auth =
        site.load(app.store(), Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
    assertThat(auth).isInstanceOf(MastodonAuth.class);
    assertThat(auth.siteName()).isEqualTo("mastodon");
  }
}
