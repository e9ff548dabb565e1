package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.internal.Paths;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.web.WebResponse;

/**
 * The edges of the start and callback checks, where an off-by-one or a dropped condition would let
 * an attacker through or lock a user out: found by mutation testing (scripts/mutation-test).
 */
class SecurityEdgesTest {

  private final MemoryStore store = new MemoryStore();
  private final Site<?> github =
      GitHub.create(
          SiteOptions.defaults()
              .withAllBases(java.net.URI.create("https://github.test"))
              .withCredentials(new Credentials("id", "secret")));

  private Start start() {
    return Start.builder(github, store)
        .baseUrl(BaseUrl.of("https://app.example"))
        .callbackPath("/github/oauth_callback")
        .build();
  }

  @Test
  void aStartWithoutTheAppsBaseUrlFailsAtStartupSayingHowToSetIt() {
    assertThatThrownBy(
            () -> Start.builder(github, store).callbackPath("/github/oauth_callback").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BaseUrl.of")
        .hasMessageContaining(BaseUrl.VARIABLE);
  }

  @Test
  void anAppStateOfExactlyTheLimitStartsAndOneMoreIsRefused() {
    String limit = "s".repeat(Start.MAX_STATE);
    Req post = Req.post("https://app.example/github/start", Map.of());
    assertThat(start().redirect(post, limit)).isInstanceOf(WebResponse.Redirect.class);
    assertThatThrownBy(() -> start().redirect(post, limit + "s"))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void aScopeListOfExactlyTheLimitStartsAndOneMoreIsRefused() {
    String limit = "s".repeat(Start.MAX_STATE);
    assertThat(
            start()
                .redirect(
                    Req.post("https://app.example/github/start?scope=" + limit, Map.of()), null))
        .isInstanceOf(WebResponse.Redirect.class);
    assertThatThrownBy(
            () ->
                start()
                    .redirect(
                        Req.post("https://app.example/github/start?scope=" + limit + "s", Map.of()),
                        null))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void aBlankStateIsAMissingState() {
    Callback callback =
        Callback.builder(github, store)
            .baseUrl(BaseUrl.of("https://app.example"))
            .finishPath("/after")
            .build();
    WebResponse page =
        callback.handle(Req.get("https://app.example/github/oauth_callback?state=%20"));
    assertThat(page.status()).isEqualTo(400);
    assertThat(((WebResponse.Page) page).body()).contains("missing state");
  }

  @Test
  void aFetchSiteOfNoneIsTheUserTypingTheAddressAndMayStart() {
    Req typed =
        Req.post("https://app.example/github/start", Map.of())
            .withHeaders(Map.of("Sec-Fetch-Site", "none"));
    assertThat(BaseUrl.of("https://app.example").forFormPost(typed))
        .hasToString("https://app.example");
  }

  @Test
  void defaultPortsAreTheSameOriginAndOthersAreNot() {
    BaseUrl https = BaseUrl.of("https://app.example");
    assertThat(https.forRequest(Req.get("https://app.example:443/x")))
        .hasToString("https://app.example");
    assertThatThrownBy(() -> https.forRequest(Req.get("https://app.example:8443/x")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> https.forRequest(Req.get("http://app.example/x")))
        .isInstanceOf(BadRequestException.class);
    BaseUrl local = BaseUrl.of("http://localhost:8080");
    assertThat(local.forRequest(Req.get("http://LOCALHOST:8080/x")))
        .hasToString("http://localhost:8080");
    assertThat(BaseUrl.of("http://127.0.0.1").forRequest(Req.get("http://127.0.0.1:80/x")))
        .hasToString("http://127.0.0.1");
  }

  @Test
  void loopbackModeSaysSoAndAFixedUrlDoesNot() {
    assertThat(BaseUrl.loopback().isLoopback()).isTrue();
    assertThat(BaseUrl.of("https://app.example").isLoopback()).isFalse();
    assertThat(BaseUrl.loopback()).hasToString("BaseUrl[loopback]");
    assertThat(BaseUrl.of("https://app.example/")).hasToString("BaseUrl[https://app.example]");
  }

  @Test
  void controlCharactersAndSpacesMakeAPathUnusable() {
    assertThatThrownBy(() -> Paths.requireLocal("/a b", "finish path"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Paths.requireLocal("/a\u007f", "finish path"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Paths.requireLocal("/a!b", "finish path")).isEqualTo("/a!b");
  }

  @Test
  void onlyASameOriginOrTypedFetchMayStartALogin() {
    BaseUrl base = BaseUrl.of("https://app.example");
    Req post = Req.post("https://app.example/github/start", Map.of());
    assertThat(base.forFormPost(post.withHeaders(Map.of("Sec-Fetch-Site", "same-origin"))))
        .hasToString("https://app.example");
    for (String other : new String[] {"same-site", "cross-site", "Same-Origin"}) {
      assertThatThrownBy(() -> base.forFormPost(post.withHeaders(Map.of("Sec-Fetch-Site", other))))
          .as(other)
          .isInstanceOf(BadRequestException.class);
    }
  }

  @Test
  void aPortIsTheDefaultOnlyForItsOwnScheme() {
    assertThatThrownBy(
            () -> BaseUrl.of("https://app.example").forRequest(Req.get("https://app.example:80/")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(
            () -> BaseUrl.of("http://localhost").forRequest(Req.get("http://localhost:443/")))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void aRequestUrlWithoutSchemeOrHostIsA400NotACrash() {
    for (BaseUrl base : new BaseUrl[] {BaseUrl.of("https://app.example"), BaseUrl.loopback()}) {
      assertThatThrownBy(() -> base.forRequest(Req.get("/github/start")))
          .as(base.toString())
          .isInstanceOf(BadRequestException.class);
    }
  }

  @Test
  void aPathResolvesAgainstTheBaseUrlWithItsContextPath() {
    assertThat(
            BaseUrl.of("https://app.example/app/")
                .resolve(Req.get("https://app.example/app/x"), "/github/oauth_callback"))
        .hasToString("https://app.example/app/github/oauth_callback");
  }

  @Test
  void anUnsetOrBlankSettingIsLoopbackModeAndAnyOtherIsABaseUrl() {
    assertThat(BaseUrl.fromSetting(null).isLoopback()).isTrue();
    assertThat(BaseUrl.fromSetting(" ").isLoopback()).isTrue();
    assertThat(BaseUrl.fromSetting(" https://app.example/ ").configured())
        .contains(java.net.URI.create("https://app.example"));
    assertThatThrownBy(() -> BaseUrl.fromSetting("http://app.example"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(BaseUrl.fromEnvironment())
        .hasToString(BaseUrl.fromSetting(System.getenv(BaseUrl.VARIABLE)).toString());
  }

  @Test
  void aContextPathIsEmptyOrASlashPathWithoutTrailingSlash() {
    for (String root : new String[] {null, "", "/"}) {
      assertThat(Paths.contextPath(Req.get("https://app.example/").withContextPath(root)))
          .as(String.valueOf(root))
          .isEmpty();
    }
    assertThat(Paths.contextPath(Req.get("https://app.example/").withContextPath("/app/")))
        .isEqualTo("/app");
    assertThat(Paths.contextPath(Req.get("https://app.example/").withContextPath("/a/b")))
        .isEqualTo("/a/b");
    for (String odd : new String[] {"/a\\b", "/a?b", "/a#b"}) {
      assertThatThrownBy(
              () -> Paths.contextPath(Req.get("https://app.example/").withContextPath(odd)))
          .as(odd)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a plain path");
    }
  }

  @Test
  void aKeyNeedsAnIdAndAKindOfAsciiLettersAndDigits() {
    assertThatThrownBy(() -> new Key("GitHubAuth", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Key("", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Key("Caf\u00e9Auth", "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePythonFormNamesANamespaceOnlyWhenOneIsGiven() {
    Key key = new Key("GitHubAuth", "1");
    assertThat(key.pythonUrlsafe("p", "")).isEqualTo(key.pythonUrlsafe("p", null));
    assertThat(key.pythonUrlsafe("p", "ns")).isNotEqualTo(key.pythonUrlsafe("p", null));
  }

  @Test
  void anAuthEntityOfExactlyTheLengthLimitIsVerifiedAndALongerOneIsNot() {
    Logins logins = Logins.withKeys(org.oauthdropins.keys.KeyRing.generate());
    // "GitHubAuth:" and the id are 768 bytes: 1024 base64 characters; one more byte makes 1026.
    Key longest = new Key("GitHubAuth", "i".repeat(757));
    Key tooLong = new Key("GitHubAuth", "i".repeat(758));
    assertThat(longest.urlsafe()).hasSize(1024);
    Req browser = Req.get("http://localhost/after");
    for (Key key : new Key[] {longest, tooLong}) {
      AuthEntity auth =
          github.entity(
              org.oauthdropins.store.AuthRecord.of(
                  key, "github", new AccessToken.Bearer("t"), null, null, "{}", "{}"),
              store);
      org.oauthdropins.web.Cookie c = logins.add(browser, auth);
      Req with = browser.withCookies(Map.of(c.name(), c.value()));
      assertThat(logins.verify(with, key.urlsafe()))
          .as(key.urlsafe().length() + " characters")
          .isEqualTo(key == longest ? java.util.Optional.of(key) : java.util.Optional.empty());
    }
  }

  @Test
  void logoutAllEmptiesTheListAtOnce() {
    org.oauthdropins.web.Cookie c =
        Logins.withKeys(org.oauthdropins.keys.KeyRing.generate())
            .logoutAll(Req.get("https://app.example/"));
    assertThat(c.name()).isEqualTo("__Host-" + Logins.COOKIE);
    assertThat(c.value()).isEmpty();
    assertThat(c.headerValue()).contains("Max-Age=0");
  }

  @Test
  void theStartBuildersOptionsChainAndTheHandlersNameTheirSite() {
    Start s =
        Start.builder(github, store)
            .baseUrl(BaseUrl.of("https://app.example"))
            .callbackPath("/github/oauth_callback")
            .scopes(java.util.List.of("repo"))
            .lifetime(java.time.Duration.ofMinutes(5))
            .build();
    assertThat(s.site()).isSameAs(github);
    WebResponse.Redirect r =
        s.redirect(Req.post("https://app.example/github/start", Map.of()), null);
    assertThat(r.location()).contains("repo");
    Callback c =
        Callback.builder(github, store)
            .baseUrl(BaseUrl.of("https://app.example"))
            .finishPath("/after")
            .build();
    assertThat(c.site()).isSameAs(github);
  }

  /** A site whose every callback logs in user 1, for tests of what the callback does around it. */
  private final Site<?> stub =
      new TestSite() {
        @Override
        public String kind() {
          return "GitHubAuth";
        }

        @Override
        public LoginResult complete(CallbackRequest request) {
          return new LoginResult.Authenticated(
              org.oauthdropins.store.AuthRecord.of(
                  new Key("GitHubAuth", "1"),
                  name(),
                  new AccessToken.Bearer("t"),
                  null,
                  null,
                  "{}",
                  "{}"));
        }

        @Override
        public AuthEntity entity(org.oauthdropins.store.AuthRecord r, AuthStore s) {
          return github.entity(r, s);
        }

        @Override
        public org.oauthdropins.http.HttpCall sign(
            org.oauthdropins.http.HttpCall call, org.oauthdropins.store.AuthRecord r) {
          return call;
        }
      };

  private static final String BROWSER = "b".repeat(32);

  /** Stores a pending login at the stub site for this state and BROWSER. */
  private void pending(String state) {
    store.putPending(
        new org.oauthdropins.store.PendingLogin(
            BrowserBinding.pendingId("stub", state, BROWSER),
            "stub",
            BrowserBinding.hash(BROWSER),
            null,
            "https://app.example/stub/oauth_callback",
            Map.of(),
            java.time.Instant.now().plusSeconds(60)));
  }

  /** The stub site's callback, finishing with a page, for BROWSER with this state. */
  private WebResponse callback(String state) {
    Callback callback =
        Callback.builder(stub, store)
            .baseUrl(BaseUrl.of("https://app.example"))
            .pendingLogins(PendingStorage.IN_STORE) // the pending logins are seeded in the store
            .finish(
                (auth, appState, request) ->
                    new WebResponse.Page(200, "text/plain", "welcome", java.util.List.of()))
            .logins(Logins.withKeys(org.oauthdropins.keys.KeyRing.generate()))
            .build();
    return callback.handle(
        Req.get("https://app.example/stub/oauth_callback?state=" + state)
            .withCookies(
                Map.of(org.oauthdropins.web.Cookie.name(BrowserBinding.COOKIE, true), BROWSER)));
  }

  @Test
  void aFinishPageCarriesTheLoginsCookieAsARedirectDoes() {
    pending("n");
    WebResponse r = callback("n");
    assertThat(r).isInstanceOf(WebResponse.Page.class);
    assertThat(((WebResponse.Page) r).body()).isEqualTo("welcome");
    assertThat(r.cookies())
        .extracting(org.oauthdropins.web.Cookie::name)
        .contains("__Host-" + Logins.COOKIE);
  }

  @Test
  void aCallbackStateOfExactlyTheLimitIsLookedUpAndALongerOneNeverIs() {
    String longest = "s".repeat(128);
    pending(longest);
    pending(longest + "s");
    assertThat(callback(longest).status()).isEqualTo(200);
    WebResponse tooLong = callback(longest + "s");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(((WebResponse.Page) tooLong).body()).contains("unknown, expired or already used");
  }
}
