package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.fediverse.Fediverse;
import org.oauthdropins.sites.mastodon.MastodonAuth;
import org.oauthdropins.sites.misskey.MisskeyAuth;
import org.oauthdropins.sites.pixelfed.PixelfedAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * The fediverse site's quirks: the instance's NodeInfo picks the flow, so one button signs in to
 * every software's fake by the instance's name alone; what the probe refuses.
 */
class FediverseFlowTest {

  private final Browser browser = new Browser();
  private final Fediverse site =
      Fediverse.create(new SiteOptions(Map.of(), null, GuardedTransport.localDevelopment()));
  private final TestApp app = TestApp.withTokensInFinish(new MemoryStore()).mount(site);

  @AfterEach
  void tearDown() {
    app.close();
  }

  static java.util.stream.Stream<Arguments> softwares() {
    return java.util.stream.Stream.of(
        Arguments.of("mastodon", (Supplier<FakeMastodon>) FakeMastodon::new, MastodonAuth.class),
        Arguments.of("pixelfed", (Supplier<FakeMastodon>) FakePixelfed::new, PixelfedAuth.class),
        Arguments.of(
            "gotosocial", (Supplier<FakeMastodon>) FakeGoToSocial::new, MastodonAuth.class),
        Arguments.of("akkoma", (Supplier<FakeMastodon>) FakeAkkoma::new, MastodonAuth.class));
  }

  private Browser.Page start(FakeMastodon instance) {
    return browser.post(
        app.url("/fediverse/start"), Map.of("instance", instance.url().toString(), "state", "s"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("softwares")
  void theButtonSignsInToEachSoftwareByTheInstanceAlone(
      String software, Supplier<FakeMastodon> fake, Class<? extends AuthEntity> type) {
    try (FakeMastodon instance = fake.get()) {
      Browser.Page done = browser.click(start(instance), "Approve");

      assertThat(done.status()).as(done.body()).isEqualTo(200);
      Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
      assertThat(key)
          .isEqualTo(new Key("FediverseAuth", "@alice@" + instance.url().getRawAuthority()));
      AuthEntity auth = site.load(app.store(), key).orElseThrow();
      assertThat(auth).isInstanceOf(type);
      assertThat(auth.siteName()).isEqualTo("fediverse");
      assertThat(auth.extra().path("software").asText()).isEqualTo(software);
      MastodonAuth account = (MastodonAuth) auth;
      assertThat(account.instance()).isEqualTo(instance.url().toString());
      assertThat(account.userId()).isEqualTo(instance.accountId());
      assertThat(account.actorId()).isEqualTo(instance.url() + "/users/alice");
      // The registration is the fediverse site's own, for its callback.
      assertThat(instance.registeredRedirectUris())
          .containsExactly(app.url("/fediverse/oauth_callback").toString());
      assertThat(app.store().getApp("fediverse", instance.url().toString())).isPresent();
    }
  }

  @Test
  void friendicaSignsInThroughItsMastodonApi() {
    try (FakeFriendica instance = new FakeFriendica()) {
      Browser.Page consent = start(instance);
      assertThat(consent.url().getPath()).isEqualTo("/oauth/authorize");

      Key key = Key.fromUrlsafe(browser.click(consent, "Approve").query().get("auth_entity"));

      assertThat(key)
          .isEqualTo(new Key("FediverseAuth", "@alice@" + instance.url().getRawAuthority()));
      MastodonAuth auth = (MastodonAuth) site.load(app.store(), key).orElseThrow();
      assertThat(auth.extra().path("software").asText()).isEqualTo("friendica");
      assertThat(auth.userDisplayName()).isEqualTo("@alice@" + instance.url().getRawAuthority());
      assertThat(auth.refreshToken()).isNull();
    }
  }

  @Test
  void goToSocialIsAskedOnlyForItsOwnScopesAndItsTokensDoNotExpire() {
    try (FakeGoToSocial instance = new FakeGoToSocial()) {
      Browser.Page consent = start(instance);
      assertThat(consent.query()).containsEntry("scope", "read:accounts");
      assertThat(instance.registeredScopes()).containsExactly("read:accounts");

      Key key = Key.fromUrlsafe(browser.click(consent, "Approve").query().get("auth_entity"));
      AuthEntity auth = site.load(app.store(), key).orElseThrow();
      assertThat(auth.refreshToken()).isNull();
      assertThat(auth.userJson().has("uri")).isFalse();
    }
  }

  @Test
  void akkomaTokensExpireWithARefreshTokenAndPleromaRunsTheSameFlow() {
    try (FakeAkkoma instance = new FakeAkkoma()) {
      instance.nodeinfoSays("pleroma");

      Key key =
          Key.fromUrlsafe(browser.click(start(instance), "Approve").query().get("auth_entity"));

      AuthEntity auth = site.load(app.store(), key).orElseThrow();
      assertThat(auth.refreshToken()).isNotNull();
      assertThat(auth.extra().path("software").asText()).isEqualTo("pleroma");
      assertThat(((MastodonAuth) auth).actorId()).isEqualTo(instance.url() + "/users/alice");
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"misskey", "sharkey", "firefish", "iceshrimp"})
  void misskeyAndItsForksSignInByMiAuth(String software) {
    try (FakeMisskey instance = FakeMisskey.forFediverse()) {
      instance.nodeinfoSays(software);

      Browser.Page consent =
          browser.post(
              app.url("/fediverse/start"),
              Map.of("instance", instance.url().toString(), "state", "s"));
      assertThat(consent.url().getPath()).startsWith("/miauth/");
      Browser.Page done = browser.click(consent, "Approve");

      assertThat(done.status()).as(done.body()).isEqualTo(200);
      Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
      assertThat(key)
          .isEqualTo(new Key("FediverseAuth", "@alice@" + instance.url().getRawAuthority()));
      MisskeyAuth auth = (MisskeyAuth) site.load(app.store(), key).orElseThrow();
      assertThat(auth.siteName()).isEqualTo("fediverse");
      assertThat(auth.extra().path("software").asText()).isEqualTo(software);
      assertThat(auth.api("/api/i").json().path("username").asText()).isEqualTo("alice");
    }
  }

  @Test
  void theBuildersRegistrationSettingsReachEveryFlavourAndAHandleInTheUrlWorks() {
    // Issue 28: callback paths and the stale-before time, set once for the fediverse button.
    MutableClock clock = new MutableClock();
    Fediverse configured =
        Fediverse.builder(new SiteOptions(Map.of(), null, GuardedTransport.localDevelopment()))
            .callbackPaths(
                List.of("/fediverse/oauth_callback", "/publish/fediverse/oauth_callback"))
            .registrationsValidAfter(clock.instant())
            .clock(clock)
            .build();
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore(clock)).clock(clock);
        FakePixelfed pixelfed = new FakePixelfed()) {
      other.mount(configured);
      String handle = "http://@alice@" + pixelfed.url().getRawAuthority();
      Browser.Page done =
          browser.click(
              browser.post(other.url("/fediverse/start"), Map.of("instance", handle)), "Approve");

      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(pixelfed.registeredRedirectUris())
          .containsExactly(
              other.url("/fediverse/oauth_callback").toString(),
              other.url("/publish/fediverse/oauth_callback").toString());
      var stored = other.store().getApp("fediverse", pixelfed.url().toString()).orElseThrow();
      assertThat(Json.text(Json.parse(stored.dataJson()), "registrations_valid_after"))
          .isEqualTo(clock.instant().toString());
    }
  }

  @Test
  void anInstanceOfUnknownSoftwareIsA400NamingItAndRegistersNothing() {
    try (FakeMastodon instance = new FakeMastodon()) {
      instance.nodeinfoSays("lemmy");

      Browser.Page page = start(instance);

      assertThat(page.status()).isEqualTo(400);
      assertThat(page.body()).contains("runs lemmy");
      assertThat(instance.registrations()).isZero();
    }
  }

  @Test
  void aNodeinfoLinkToAPrivateAddressIsRefused() {
    try (FakeMastodon instance = new FakeMastodon()) {
      instance.nodeinfoAt("http://10.0.0.7/nodeinfo/2.0");

      Browser.Page page = start(instance);

      assertThat(page.status()).isEqualTo(400);
      assertThat(page.body()).contains("10.0.0.7").contains("cannot be used");
      assertThat(instance.registrations()).isZero();
    }
  }

  @Test
  void anInstanceWithoutNodeinfoIsA400() {
    try (FakeMastodon instance = new FakeMastodon()) {
      instance.nodeinfoAt(instance.url() + "/nowhere");

      Browser.Page page = start(instance);

      assertThat(page.status()).isEqualTo(400);
      assertThat(page.body()).contains("does not say which software it runs");
    }
  }
}
