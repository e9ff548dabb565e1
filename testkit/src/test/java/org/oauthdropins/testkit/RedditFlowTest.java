package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.reddit.Reddit;
import org.oauthdropins.sites.reddit.RedditAuth;

/** The whole Reddit login over loopback HTTP, against the fake Reddit. */
class RedditFlowTest extends AbstractRefreshingFlowTest<FakeReddit, RedditAuth> {

  RedditFlowTest() {
    super(FakeReddit::new, o -> Reddit.create(o, null), "1w72");
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(fake.url() + "/api/v1/me");
  }

  @Test
  void approveStoresTheUserAndPassesTheRefreshToken() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-reddit-client")
        .containsEntry("duration", "permanent")
        .containsEntry("scope", "identity read")
        .doesNotContainKey("code_challenge");

    AuthEntity auth = approve("my-state");

    assertThat(auth).isInstanceOf(RedditAuth.class);
    assertThat(auth.refreshToken()).startsWith("ref_");
    assertThat(auth.userId()).isEqualTo("1w72");
    assertThat(auth.userDisplayName()).isEqualTo("spez");
    assertThat(auth.userName()).isEqualTo("spez");
    assertThat(auth.imageUrl())
        .isEqualTo(
            "https://styles.redditmedia.com/t5_3k30p/styles/profileIcon_snoo.png?width=256&height=256&s=3b2a");
    assertThat(auth.userJson().path("subreddit").path("display_name").asText()).isEqualTo("u_spez");
  }

  @Test
  void finishRedirectCarriesTheRefreshToken() {
    Browser.Page done = browser.click(start(null, null), "Approve");
    String refresh = done.query().get("refresh_token");
    assertThat(refresh).startsWith("ref_");
    assertThat(store.get(expectedKey()).orElseThrow())
        .extracting(r -> r.refreshToken())
        .isEqualTo(refresh);
  }

  @Test
  void defaultUserAgentFollowsRedditsRule() {
    assertThat(Reddit.defaultUserAgent("abc123")).matches(FakeReddit.USER_AGENT);
  }

  @Test
  void aCustomUserAgentIsSent() {
    Site<?> custom = Reddit.create(fake.options(), "web:com.example.app:2.0 (by /u/example)");
    assertThat(loginWith(custom).query()).containsKey("auth_entity");
  }

  @Test
  void aGenericUserAgentIsRefusedByReddit() {
    Browser.Page done = loginWith(Reddit.create(fake.options(), "Java-http-client/17"));
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("429");
  }
}
