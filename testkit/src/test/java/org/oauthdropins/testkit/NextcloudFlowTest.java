package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.nextcloud.Nextcloud;
import org.oauthdropins.sites.nextcloud.NextcloudAuth;
import org.oauthdropins.store.Key;

/**
 * Nextcloud's own side of the login against the fake: no scope or PKCE, the OCS user as profile
 * (with the header OCS requires), the key qualified by the instance, a second instance beside the
 * first, and the site refusing to start without an instance. What every site does is {@link
 * SiteContractTest}'s.
 */
class NextcloudFlowTest extends AbstractRefreshingFlowTest<FakeNextcloud, NextcloudAuth> {

  NextcloudFlowTest() {
    super(FakeNextcloud::new, Nextcloud::create, null);
  }

  @Override
  Key expectedKey() {
    return new Key("NextcloudAuth", FakeNextcloud.USER_ID + "@" + fake.url().getRawAuthority());
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/ocs/v2.php/cloud/user?format=json"));
  }

  @Test
  void approveSendsNoScopeAndKeysTheLoginByTheUserIdAtItsInstance() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-nextcloud-client")
        .containsEntry("response_type", "code")
        .containsKeys("state", "redirect_uri")
        .doesNotContainKeys("scope", "code_challenge");

    NextcloudAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeNextcloud.USER_ID + "@" + fake.url().getRawAuthority());
    assertThat(auth.userId()).isEqualTo(FakeNextcloud.USER_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Frank Cloud");
    assertThat(auth.email()).isEqualTo("frank@example.org");
  }

  @Test
  void aSecondInstanceIsASiteOfItsOwnWithItsOwnKeys() {
    try (FakeNextcloud corp = new FakeNextcloud()) {
      OAuth2Site<NextcloudAuth> corpSite = Nextcloud.create("cloud_corp", corp.options());
      app.mount(corpSite, corp);
      approve("s");
      Browser.Page done =
          browser.click(
              browser.post(app.url("/cloud_corp/start"), Map.of("state", "s")), "Approve");

      Key corpKey =
          new Key("NextcloudAuth", FakeNextcloud.USER_ID + "@" + corp.url().getRawAuthority());
      assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(corpKey);
      assertThat(store.get(corpKey)).isPresent();
      assertThat(store.get(expectedKey())).isPresent();
      assertThat(corpSite.button().label())
          .isEqualTo("Sign in with Nextcloud (" + corp.url().getRawAuthority() + ")");
    }
  }

  @Test
  void withoutAnInstanceTheSiteRefusesToStart() {
    assertThatThrownBy(
            () -> Nextcloud.create(SiteOptions.defaults().withCredentials(fake.credentials())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("base-urls.web");
  }
}
