package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.twitterv2.TwitterV2;
import org.oauthdropins.sites.twitterv2.TwitterV2Auth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;

/** The whole Twitter/X OAuth 2 login over loopback HTTP, against the fake X. */
class TwitterV2FlowTest extends AbstractRefreshingFlowTest<FakeTwitterV2, TwitterV2Auth> {

  TwitterV2FlowTest() {
    super(FakeTwitterV2::new, TwitterV2::create, "2244994945");
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(fake.url() + "/2/users/me");
  }

  @Test
  void approveUsesPkceS256AndReadsTheUserInsideData() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-twitter_v2-client")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("scope", "tweet.read users.read offline.access");
    assertThat(authorize.get("code_challenge")).hasSize(43);

    AuthEntity auth = approve("my-state");

    assertThat(auth).isInstanceOf(TwitterV2Auth.class);
    assertThat(auth.key().kind()).isEqualTo("TwitterOAuth2");
    assertThat(auth.userId()).isEqualTo("2244994945");
    assertThat(auth.userName()).isEqualTo("XDevelopers");
    assertThat(auth.userDisplayName()).isEqualTo("X Developers");
    assertThat(auth.imageUrl())
        .isEqualTo("https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO_normal.jpg");
    assertThat(auth.refreshToken()).startsWith("ref_");
  }

  /**
   * The fake is as strict as a server with replay detection (RFC 9700 §4.14.2): a rotated-away
   * refresh token that comes back revokes every token of its grant, including the new ones.
   */
  @Test
  void aReusedRefreshTokenRevokesTheWholeGrant() {
    AuthEntity auth = approve("s");
    AuthRecord before = store.get(auth.key()).orElseThrow();
    AuthRecord first = site.refresh(before, store).orElseThrow();
    assertThat(oauth().user(((AccessToken.Bearer) first.token()).value())).isPresent();

    assertThatThrownBy(() -> site.refresh(before, store))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("invalid_grant");

    assertThat(oauth().revokedGrantCount()).isEqualTo(1);
    assertThat(oauth().user(((AccessToken.Bearer) first.token()).value())).isEmpty();
    assertThatThrownBy(() -> site.refresh(first, store)).hasMessageContaining("invalid_grant");
  }

  @Test
  void withoutReplayDetectionAReusedRefreshTokenIsOnlyRefused() {
    oauth().withoutReplayDetection();
    AuthEntity auth = approve("s");
    AuthRecord before = store.get(auth.key()).orElseThrow();
    AuthRecord first = site.refresh(before, store).orElseThrow();

    assertThatThrownBy(() -> site.refresh(before, store)).hasMessageContaining("invalid_grant");

    assertThat(oauth().revokedGrantCount()).isZero();
    assertThat(oauth().user(((AccessToken.Bearer) first.token()).value())).isPresent();
    assertThat(site.refresh(first, store)).isPresent();
  }
}
