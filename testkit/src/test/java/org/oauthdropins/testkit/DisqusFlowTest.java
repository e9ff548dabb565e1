package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.disqus.Disqus;
import org.oauthdropins.sites.disqus.DisqusAuth;
import org.oauthdropins.store.Key;

/** The whole Disqus login over loopback HTTP, against the fake Disqus. */
class DisqusFlowTest {

  private final FakeDisqus disqus = new FakeDisqus();
  private final SiteFlow<DisqusAuth> flow = new SiteFlow<>(disqus, Disqus::create);

  @AfterEach
  void tearDown() {
    flow.close();
  }

  @Test
  void approveStoresTheUserKeyedById() {
    Browser.Page consent = flow.start("app-state");
    assertThat(consent.url().getPath()).isEqualTo("/api/oauth/2.0/authorize/");
    assertThat(consent.query())
        .containsEntry("client_id", "fake-disqus-public-key")
        .containsEntry("scope", "read")
        .doesNotContainKey("code_challenge");

    Browser.Page done = flow.browser.click(consent, "Approve");

    assertThat(done.query()).containsEntry("state", "app-state");
    AuthEntity auth = flow.entity(done);
    assertThat(auth).isInstanceOf(DisqusAuth.class);
    assertThat(auth.key()).isEqualTo(new Key("DisqusAuth", "117000001"));
    assertThat(auth.userDisplayName()).isEqualTo("Ada Lovelace");
    assertThat(auth.imageUrl()).isEqualTo("https://disqus.com/api/users/avatars/ada_disqus.jpg");

    // API calls carry access_token and api_key in the query.
    HttpResult details =
        auth.get(disqus.url() + "/api/3.0/users/details.json?user=" + auth.keyId());
    assertThat(details.status()).isEqualTo(200);
    assertThat(details.json().path("response").path("username").asText()).isEqualTo("ada_disqus");
  }

  @Test
  void scopesAreCommaSeparated() {
    Browser.Page consent =
        flow.browser.post(flow.app.url("/disqus/start"), java.util.Map.of("scope", "email write"));
    assertThat(consent.query()).containsEntry("scope", "read,email,write");
  }

  @Test
  void userWithoutAvatarHasNoImage() {
    ObjectNode user = disqus.oauth().user().deepCopy();
    user.remove("avatar");
    disqus.oauth().user(user);
    assertThat(flow.entity(flow.approve("s")).imageUrl()).isNull();
  }

  @Test
  void tokenResponseWithoutUserIdIsA502() {
    disqus.oauth().failNextToken(FakeResponse.json(200, java.util.Map.of("access_token", "x")));
    SiteFlow.assertProviderFailure(flow.approve("s"), "no user_id");
  }

  @Test
  void missingCodeIs400() {
    Browser.Page done = flow.callback(flow.start("s"), "code=");
    assertThat(done.status()).isEqualTo(400);
  }
}
