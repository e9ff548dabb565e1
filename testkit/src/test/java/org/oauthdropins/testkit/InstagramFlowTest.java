package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.sites.instagram.Instagram;
import org.oauthdropins.sites.instagram.InstagramAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;

/** The whole Instagram (Business Login) flow over loopback HTTP, against the fake Instagram. */
class InstagramFlowTest {

  private final MutableClock clock = new MutableClock();
  private final FakeInstagram instagram = new FakeInstagram(clock);
  private final SiteFlow<InstagramAuth> flow = new SiteFlow<>(instagram, Instagram::create);

  @AfterEach
  void tearDown() {
    flow.close();
  }

  @Test
  void approveStoresTheAccountKeyedByUsernameWithALongLivedToken() {
    Browser.Page consent = flow.start("app-state");
    assertThat(consent.url().getPath()).isEqualTo("/oauth/authorize");
    assertThat(consent.query())
        .containsEntry("client_id", "fake-instagram-app")
        .containsEntry("scope", "instagram_business_basic")
        .containsEntry("response_type", "code");

    Browser.Page done = flow.browser.click(consent, "Approve");

    String token = done.query().get("access_token");
    assertThat(instagram.graph.isLongLived(token)).isTrue();
    assertThat(done.query()).containsEntry("state", "app-state");
    AuthEntity auth = flow.entity(done);
    assertThat(auth).isInstanceOf(InstagramAuth.class);
    assertThat(auth.key()).isEqualTo(new Key("InstagramAuth", FakeInstagram.APP_SCOPED_ID));
    assertThat(auth.userId()).isEqualTo("17841400000000001");
    assertThat(auth.userName()).isEqualTo("analytical.engines");
    assertThat(auth.userDisplayName()).isEqualTo("Analytical Engines");
    assertThat(auth.imageUrl()).isEqualTo("https://scontent.cdninstagram.com/v/t51/ae.jpg");
    assertThat(auth.get(instagram.url() + "/me?fields=username").json().path("username").asText())
        .isEqualTo("analytical.engines");
  }

  @Test
  void dueTokenIsRenewedOnSendAndWrittenBack() {
    AuthEntity auth = flow.entity(flow.approve("s"));
    clock.advance(Duration.ofDays(30));
    flow.expire(auth, Instant.now().minusSeconds(1));
    AuthEntity stale = flow.site.load(flow.app.store(), auth.key()).orElseThrow();

    assertThat(stale.get(instagram.url() + "/me?fields=username").status()).isEqualTo(200);

    AccessToken renewed = stale.accessToken();
    assertThat(renewed).isNotEqualTo(auth.accessToken());
    assertThat(instagram.graph.isLongLived(((AccessToken.Bearer) renewed).value())).isTrue();
    assertThat(flow.site.load(flow.app.store(), auth.key()).orElseThrow().accessToken())
        .isEqualTo(renewed);
  }

  @Test
  void providerErrorIsA502() {
    Browser.Page done =
        flow.callback(
            flow.start("s"),
            "error=invalid_request&error_reason=invalid_scope&error_description=Invalid+Scopes");
    SiteFlow.assertProviderFailure(done, "invalid_request (Invalid Scopes)");
  }

  @Test
  void profileWithoutIdIsA502() {
    com.fasterxml.jackson.databind.node.ObjectNode user = instagram.oauth().user().deepCopy();
    user.remove("id");
    instagram.oauth().user(user);
    SiteFlow.assertProviderFailure(flow.approve("s"), "profile has no user id");
  }

  @Test
  void emptyCodeIs400() {
    Browser.Page done = flow.callback(flow.start("s"), "code=%23_");
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("missing code");
  }
}
