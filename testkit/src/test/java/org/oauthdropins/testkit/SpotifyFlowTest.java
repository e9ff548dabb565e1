package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.spotify.Spotify;
import org.oauthdropins.sites.spotify.SpotifyAuth;

/**
 * Spotify's own side of the login against the fake Spotify: no scope for sign-in, PKCE beside HTTP
 * Basic, the key (the Spotify id, not the display name), the email only with its scope, and a
 * refresh that brings no new refresh token. What every site does is {@link SiteContractTest}'s.
 */
class SpotifyFlowTest extends AbstractRefreshingFlowTest<FakeSpotify, SpotifyAuth> {

  SpotifyFlowTest() {
    super(FakeSpotify::new, Spotify::create, FakeSpotify.WIZZLER_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/me"));
  }

  @Test
  void approveAsksForNoScopeWithPkceAndKeysTheLoginByTheSpotifyId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-spotify-client")
        .containsEntry("response_type", "code")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "state", "redirect_uri")
        .doesNotContainKey("scope");

    SpotifyAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeSpotify.WIZZLER_ID);
    assertThat(auth.userId()).isEqualTo(FakeSpotify.WIZZLER_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Wizzler");
    assertThat(auth.imageUrl()).isEqualTo("https://i.scdn.co/image/ab67757000003b82wizzler");
    assertThat(auth.uri()).isEqualTo("spotify:user:" + FakeSpotify.WIZZLER_ID);
    assertThat(auth.profileUrl())
        .isEqualTo("https://open.spotify.com/user/" + FakeSpotify.WIZZLER_ID);
    assertThat(auth.apiUrl("/me").toString()).isEqualTo(fake.url() + "/v1/me");
    assertThat(auth.refreshToken()).startsWith("ref_");
    assertThat(auth.email()).isNull();
    assertThat(auth.userJson().has("country")).isFalse();
  }

  @Test
  void theEmailScopeAddsTheAddress() {
    assertThat(authorizeParams(start("s", Spotify.USER_READ_EMAIL)))
        .containsEntry("scope", "user-read-email");
    browser.click(start("s", Spotify.USER_READ_EMAIL), "Approve");

    assertThat(site.load(store, expectedKey()).orElseThrow().email())
        .isEqualTo("wizzler@example.com");
  }

  @Test
  void aRenamedUserKeepsTheirLoginAndAUserWithoutANameOrPictureShowsTheId() {
    approve("s");
    ObjectNode renamed = ((ObjectNode) oauth().user()).deepCopy();
    renamed.putNull("display_name");
    renamed.putArray("images");
    oauth().user(renamed);

    SpotifyAuth auth = approve("again");

    assertThat(auth.keyId()).isEqualTo(FakeSpotify.WIZZLER_ID);
    assertThat(auth.userDisplayName()).isEqualTo(FakeSpotify.WIZZLER_ID);
    assertThat(auth.imageUrl()).isNull();
  }

  @Test
  void aRefreshWithoutANewRefreshTokenKeepsTheOneTheLoginHas() {
    SpotifyAuth auth = approve("s");
    String refresh = auth.refreshToken();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);
    assertThat(callApi(auth).status()).isEqualTo(200);

    assertThat(oauth().refreshCount()).isEqualTo(1);
    assertThat(store.get(auth.key()).orElseThrow().refreshToken()).isEqualTo(refresh);
  }
}
