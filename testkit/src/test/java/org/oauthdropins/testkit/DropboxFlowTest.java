package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.dropbox.Dropbox;
import org.oauthdropins.sites.dropbox.DropboxAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;

/** The whole Dropbox login over loopback HTTP, against the fake Dropbox. */
class DropboxFlowTest {

  private static final String ACCOUNT = "dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc";

  private final FakeDropbox dropbox = new FakeDropbox();
  private final SiteFlow<DropboxAuth> flow = new SiteFlow<>(dropbox, Dropbox::create);

  @AfterEach
  void tearDown() {
    flow.close();
  }

  private HttpResult currentAccount(AuthEntity auth) {
    return auth.send(
        new HttpCall(
            "POST",
            java.net.URI.create(dropbox.url() + "/2/users/get_current_account"),
            List.of(),
            null));
  }

  @Test
  void approveWithAppStateStoresTheAccountAndTheRefreshToken() {
    Browser.Page consent = flow.start("state with spaces & a pipe|1");
    Map<String, String> authorize = consent.query();
    assertThat(authorize)
        .containsEntry("token_access_type", "offline")
        .containsEntry("code_challenge_method", "S256");
    // The Python library put the app's state into the redirect URI; here it stays ours.
    assertThat(authorize.get("redirect_uri")).doesNotContain("?");

    Browser.Page done = flow.browser.click(consent, "Approve");

    assertThat(done.query()).containsEntry("state", "state with spaces & a pipe|1");
    assertThat(done.query().get("access_token")).startsWith("sl.");
    assertThat(done.query().get("refresh_token")).startsWith("ref_");
    DropboxAuth auth = flow.entity(done);
    assertThat(auth.key()).isEqualTo(new Key("DropboxAuth", ACCOUNT));
    assertThat(auth.uid()).isEqualTo("12345");
    assertThat(auth.userDisplayName()).isEqualTo("Franz Ferdinand (Personal)");
    assertThat(auth.imageUrl()).startsWith("https://dl-web.dropbox.com/account_photo/");
    assertThat(auth.refreshToken()).isEqualTo(done.query().get("refresh_token"));
    assertThat(auth.record().expiresAt()).isAfter(Instant.now());
    assertThat(currentAccount(auth).json().path("account_id").asText()).isEqualTo(ACCOUNT);
  }

  @Test
  void expiredTokenIsRefreshedOnSendAndWrittenBack() {
    AuthEntity auth = flow.entity(flow.approve("s"));
    String refresh = auth.refreshToken();
    dropbox.oauth().expireAccessTokens();
    flow.expire(auth, Instant.now().minusSeconds(1));
    AuthEntity stale = flow.site.load(flow.app.store(), auth.key()).orElseThrow();

    assertThat(currentAccount(stale).status()).isEqualTo(200);

    assertThat(stale.accessToken()).isNotEqualTo(auth.accessToken());
    AuthEntity stored = flow.site.load(flow.app.store(), auth.key()).orElseThrow();
    assertThat(stored.accessToken()).isEqualTo(stale.accessToken());
    // Dropbox does not rotate refresh tokens: the stored one is kept and still works.
    assertThat(stored.refreshToken()).isEqualTo(refresh);
    assertThat(stored.record().expiresAt()).isAfter(Instant.now());
    assertThat(stored.refresh()).isTrue();
  }

  @Test
  void revokedTokenIsRefreshedAfterA401() {
    AuthEntity auth = flow.entity(flow.approve("s"));
    AccessToken before = auth.accessToken();
    dropbox.oauth().expireAccessTokens();

    assertThat(currentAccount(auth).status()).isEqualTo(200);

    assertThat(auth.accessToken()).isNotEqualTo(before);
    assertThat(flow.site.load(flow.app.store(), auth.key()).orElseThrow().accessToken())
        .isEqualTo(auth.accessToken());
  }
}
