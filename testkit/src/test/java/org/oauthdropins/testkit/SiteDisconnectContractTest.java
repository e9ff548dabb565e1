package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Disconnect;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;

/**
 * The end of a login, for every row of {@link SiteCase#ALL}: a disconnect from the browser that
 * holds the login revokes its tokens at the site's fake (the fake's API refuses the access token
 * and the fake takes the refresh token no more), deletes the stored login and drops it from the
 * browser's logins; at a site with no way to revoke, the login is deleted and the token left as the
 * site leaves it. Sign-out everywhere does the same from a key alone. Part of the {@link
 * SiteContractTest} contract, in a file of its own.
 */
class SiteDisconnectContractTest {

  static Stream<SiteCase> sites() {
    return SiteCase.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aDisconnectRevokesTheTokensAtTheSiteDeletesTheLoginAndDropsItFromTheBrowser(SiteCase c) {
    try (SiteContractTest.Run run = new SiteContractTest.Run(c)) {
      String authEntity = run.approve("s").query().get("auth_entity");
      Key key = Key.fromUrlsafe(authEntity);
      AuthEntity auth = run.site.load(run.store, key).orElseThrow();
      if (revocationPath(run.fake) != null) {
        // The fake serves its provider's documented revocation endpoint: the site must use it.
        assertThat(run.site.revocation().revokes())
            .as(c.name() + "'s provider revokes at " + revocationPath(run.fake))
            .isTrue();
      }
      boolean revokes =
          run.site.revocation().revokes()
              && (auth.record().token() != null || auth.record().refreshToken() != null);
      if (revokes) {
        assertThat(tokenWorks(c, run.fake, auth)).as("the token works before").isTrue();
      }

      Browser.Page done =
          run.browser.post(
              run.app.url("/" + c.name() + "/disconnect"),
              Map.of("auth_entity", authEntity, "state", "bye"));

      assertThat(done.url().getPath()).as(done.body()).isEqualTo("/after");
      assertThat(done.query())
          .containsOnly(Map.entry("disconnected", "true"), Map.entry("state", "bye"));
      assertThat(run.store.get(key)).isEmpty();
      assertThat(run.app.logins().get(run.browser.requestTo(run.app.url("/after")))).isEmpty();
      if (revokes) {
        assertThat(tokenWorks(c, run.fake, auth)).as("the token works after").isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void signingOutEverywhereRevokesAndDeletesTheLoginForEveryBrowser(SiteCase c) {
    try (SiteContractTest.Run run = new SiteContractTest.Run(c)) {
      String authEntity = run.approve("s").query().get("auth_entity");
      Key key = Key.fromUrlsafe(authEntity);
      AuthEntity auth = run.site.load(run.store, key).orElseThrow();

      Disconnect.Outcome o = Disconnect.of(run.site, run.store).signOutEverywhere(key);

      assertThat(o.found()).isTrue();
      boolean holdsToken = auth.record().token() != null || auth.record().refreshToken() != null;
      assertThat(o.revoked()).isEqualTo(run.site.revocation().revokes() && holdsToken);
      assertThat(run.store.get(key)).isEmpty();
      assertThat(run.site.load(run.store, key)).isEmpty();
      if (o.revoked()) {
        assertThat(tokenWorks(c, run.fake, auth)).isFalse();
      }
    }
  }

  /** The path of the fake's RFC 7009 endpoint, or null if it serves none. */
  static String revocationPath(Fake fake) {
    if (fake instanceof OAuth2Fake f) {
      return f.oauth().revocationPath();
    }
    if (fake instanceof FakeOidc f) {
      return f.oauth().revocationPath();
    }
    return null;
  }

  /**
   * Whether a login's tokens still work at the site's fake: its API answers the row's signed call
   * with 200 where the row has one, else the fake still knows the access token; and the fake still
   * takes the refresh token.
   */
  static boolean tokenWorks(SiteCase c, Fake fake, AuthEntity auth) {
    String token = null;
    if (auth.accessToken() instanceof AccessToken.Bearer b) {
      token = b.value();
    } else if (auth.accessToken() instanceof AccessToken.OAuth1 o) {
      token = o.key();
    }
    String refresh = auth.refreshToken();
    boolean refreshLive = false;
    FakeOAuth2 oauth = null;
    if (fake instanceof OAuth2Fake f) {
      oauth = f.oauth();
    } else if (fake instanceof FakeOidc f) {
      oauth = f.oauth();
    }
    if (oauth != null) {
      refreshLive = oauth.refreshTokenLive(refresh);
    } else if (fake instanceof FakeMastodon m) {
      refreshLive = m.refreshTokenLive(refresh);
    }
    if (c.api() != null) {
      try {
        return c.api().apply(fake, auth).status() == 200 || refreshLive;
      } catch (RuntimeException e) {
        // a revoked login's refresh is refused before the call: not working
        return refreshLive;
      }
    }
    if (oauth != null) {
      return oauth.user(token).isPresent() || refreshLive;
    }
    if (fake instanceof OAuth1Fake f) {
      return f.oauth().grant(token).isPresent();
    }
    if (fake instanceof FakeMastodon m) {
      return auth.get(m.url() + "/api/v1/accounts/verify_credentials").status() == 200
          || refreshLive;
    }
    throw new IllegalStateException("no way to check a " + c.name() + " token at its fake");
  }
}
