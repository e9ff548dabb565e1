package org.oauthdropins.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.Req;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Where a live site sends the browser: each site made as the demo's {@code --live} mode and an app
 * with credentials make it ({@code Sites.byName(name).create(SiteOptions.defaults())} with the
 * app's credentials) redirects to the authorize endpoint its provider documents, with the
 * parameters that provider documents, and nothing that names the app's secret. The fakes check the
 * rest of the flow; this is the one check against the real addresses, which no fake can make.
 */
class LiveAuthorizeTest {

  /**
   * One site's documented authorization request.
   *
   * @param site the site's name
   * @param endpoint the documented authorize endpoint, without query
   * @param scope the documented {@code scope} for sign-in, or null where none is sent
   * @param pkce whether a PKCE S256 challenge is sent
   */
  record Live(String site, String endpoint, String scope, boolean pkce) {
    @Override
    public String toString() {
      return site;
    }
  }

  static Stream<Live> sites() {
    return Stream.of(
        new Live("line", "https://access.line.me/oauth2/v2.1/authorize", "profile", true),
        new Live("kakao", "https://kauth.kakao.com/oauth/authorize", null, true),
        new Live("naver", "https://nid.naver.com/oauth2.0/authorize", null, true),
        new Live("yandex", "https://oauth.yandex.com/authorize", null, true),
        new Live("vkid", "https://id.vk.com/authorize", "vkid.personal_info", true),
        new Live("orcid", "https://orcid.org/oauth/authorize", "/authenticate", true),
        new Live("strava", "https://www.strava.com/oauth/authorize", "read", true),
        new Live("patreon", "https://www.patreon.com/oauth2/authorize", "identity", true),
        new Live("zoom", "https://zoom.us/oauth/authorize", null, true));
  }

  @ParameterizedTest
  @MethodSource("sites")
  void redirectsToTheDocumentedAuthorizeEndpointWithItsDocumentedParameters(Live live) {
    SiteFactory factory = Sites.byName(live.site()).orElseThrow();
    var site =
        factory.create(
            SiteOptions.defaults().withCredentials(new Credentials("live-client", "live-secret")));

    URI location =
        site.authorize(
                new AuthorizeRequest(
                    Req.post("https://app.example/" + live.site() + "/start", Map.of()),
                    URI.create("https://app.example"),
                    URI.create("https://app.example/" + live.site() + "/oauth_callback"),
                    "the-state",
                    List.of(),
                    new MemoryStore()))
            .location();

    assertThat(location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath())
        .isEqualTo(live.endpoint());
    Map<String, String> params = Form.decode(location.getRawQuery());
    assertThat(params)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", "live-client")
        .containsEntry("redirect_uri", "https://app.example/" + live.site() + "/oauth_callback")
        .containsEntry("state", "the-state");
    if (live.scope() == null) {
      assertThat(params).doesNotContainKey("scope");
    } else {
      assertThat(params).containsEntry("scope", live.scope());
    }
    if (live.pkce()) {
      assertThat(params)
          .containsEntry("code_challenge_method", "S256")
          .containsKey("code_challenge");
    }
    assertThat(location.toString()).doesNotContain("live-secret");
  }
}
