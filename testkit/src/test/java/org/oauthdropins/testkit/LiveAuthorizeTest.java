package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.Credentials;
import org.oauthdropins.Site;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.sites.nextcloud.Nextcloud;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Where a live site sends the browser, one row per issue-27 OAuth 2 site: the site made as the
 * demo's {@code --live} mode and an app make it ({@code Sites.byName(name).create} with real base
 * URLs and configured credentials), mounted in an app over loopback HTTP, answers its start with a
 * redirect to the authorize endpoint its provider documents, with the parameters that provider
 * documents and nothing that names the app's secret. The browser follows the redirect to a local
 * recorder standing at the real address, so nothing leaves the machine. The fakes check the rest of
 * the flow; this is the one check against the real addresses, which no fake can make. (Okta, Auth0
 * and Cognito have no real default: their endpoints come from the tenant's discovery document, and
 * the fakes' flow tests cover them.)
 */
class LiveAuthorizeTest {

  private static final String CLIENT_ID = "live-id";
  private static final String SECRET = "live-secret";

  /**
   * One site's documented authorization request.
   *
   * @param site the site's name
   * @param authorize the documented authorize endpoint, without query
   * @param params parameters the request must carry with these values (the client's id among them,
   *     under the name the provider uses)
   * @param present parameters it must carry, whatever their values
   * @param absent parameters it must not carry
   * @param bases base URLs a live app must set, for a site with no default instance
   */
  record Live(
      String site,
      String authorize,
      Map<String, String> params,
      Set<String> present,
      Set<String> absent,
      Map<SiteBase, String> bases) {
    @Override
    public String toString() {
      return site;
    }

    /** A row whose client id is sent as {@code client_id} and with {@code response_type=code}. */
    static Live codeFlow(
        String site,
        String authorize,
        Map<String, String> params,
        Set<String> present,
        Set<String> absent) {
      Map<String, String> all = new HashMap<>(params);
      all.put("response_type", "code");
      all.putIfAbsent("client_id", CLIENT_ID);
      return new Live(site, authorize, Map.copyOf(all), present, absent, Map.of());
    }

    /** A row with PKCE S256 and the given {@code scope}, or none where {@code scope} is null. */
    static Live pkce(String site, String authorize, String scope) {
      return codeFlow(
          site,
          authorize,
          scope == null
              ? Map.of("code_challenge_method", "S256")
              : Map.of("code_challenge_method", "S256", "scope", scope),
          Set.of("code_challenge"),
          scope == null ? Set.of("scope") : Set.of());
    }
  }

  static Stream<Live> sites() {
    return Stream.of(
        // LINE, Kakao, Naver, Yandex, VK ID, ORCID, Strava, Patreon, Zoom.
        Live.pkce("line", "https://access.line.me/oauth2/v2.1/authorize", "profile"),
        Live.pkce("kakao", "https://kauth.kakao.com/oauth/authorize", null),
        Live.pkce("naver", "https://nid.naver.com/oauth2.0/authorize", null),
        Live.pkce("yandex", "https://oauth.yandex.com/authorize", null),
        Live.pkce("vkid", "https://id.vk.com/authorize", "vkid.personal_info"),
        Live.pkce("orcid", "https://orcid.org/oauth/authorize", "/authenticate"),
        Live.pkce("strava", "https://www.strava.com/oauth/authorize", "read"),
        Live.pkce("patreon", "https://www.patreon.com/oauth2/authorize", "identity"),
        Live.pkce("zoom", "https://zoom.us/oauth/authorize", null),
        // Salesforce, Yahoo, Amazon, PayPal, Atlassian, Bitbucket.
        Live.codeFlow(
            "salesforce",
            "https://login.salesforce.com/services/oauth2/authorize",
            Map.of("scope", "openid profile email", "code_challenge_method", "S256"),
            Set.of("nonce", "code_challenge"),
            Set.of()),
        Live.codeFlow(
            "yahoo",
            "https://api.login.yahoo.com/oauth2/request_auth",
            Map.of("scope", "openid profile email"),
            Set.of("nonce"),
            Set.of()),
        Live.codeFlow(
            "amazon",
            "https://www.amazon.com/ap/oa",
            Map.of("scope", "profile", "code_challenge_method", "S256"),
            Set.of("code_challenge"),
            Set.of()),
        Live.codeFlow(
            "paypal",
            "https://www.paypal.com/signin/authorize",
            Map.of("scope", "openid profile email", "flowEntry", "static"),
            Set.of(),
            Set.of("code_challenge")),
        Live.codeFlow(
            "atlassian",
            "https://auth.atlassian.com/authorize",
            Map.of("scope", "read:me", "audience", "api.atlassian.com", "prompt", "consent"),
            Set.of(),
            Set.of("code_challenge")),
        Live.codeFlow(
            "bitbucket",
            "https://bitbucket.org/site/oauth2/authorize",
            Map.of(),
            Set.of(),
            Set.of("scope", "code_challenge")),
        // Box, Notion, Figma, Linear, Pinterest, TikTok, Gitea, Codeberg, Nextcloud.
        Live.codeFlow(
            "box",
            "https://account.box.com/api/oauth2/authorize",
            Map.of(),
            Set.of(),
            Set.of("scope", "code_challenge")),
        Live.codeFlow(
            "notion",
            "https://api.notion.com/v1/oauth/authorize",
            Map.of("owner", "user"),
            Set.of(),
            Set.of("scope", "code_challenge")),
        Live.codeFlow(
            "figma",
            "https://www.figma.com/oauth",
            Map.of("scope", "current_user:read"),
            Set.of(),
            Set.of("code_challenge")),
        Live.codeFlow(
            "linear",
            "https://linear.app/oauth/authorize",
            Map.of("scope", "read", "code_challenge_method", "S256"),
            Set.of(),
            Set.of()),
        Live.codeFlow(
            "pinterest",
            "https://www.pinterest.com/oauth/",
            Map.of("scope", "user_accounts:read"),
            Set.of(),
            Set.of("code_challenge")),
        // TikTok names the client's id client_key.
        new Live(
            "tiktok",
            "https://www.tiktok.com/v2/auth/authorize/",
            Map.of("response_type", "code", "client_key", CLIENT_ID, "scope", "user.info.basic"),
            Set.of(),
            Set.of("code_challenge"),
            Map.of()),
        Live.codeFlow(
            "gitea",
            "https://gitea.com/login/oauth/authorize",
            Map.of("scope", "openid profile email", "code_challenge_method", "S256"),
            Set.of(),
            Set.of()),
        Live.codeFlow(
            "codeberg",
            "https://codeberg.org/login/oauth/authorize",
            Map.of("scope", "openid profile email", "code_challenge_method", "S256"),
            Set.of(),
            Set.of()),
        // Nextcloud has no default instance: a live Nextcloud is the one the app names.
        new Live(
            "nextcloud",
            "https://cloud.example.org/index.php/apps/oauth2/authorize",
            Map.of("response_type", "code", "client_id", CLIENT_ID),
            Set.of(),
            Set.of("scope", "code_challenge"),
            Map.of(Nextcloud.WEB, "https://cloud.example.org")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aStartRedirectsToTheDocumentedAuthorizeEndpointWithItsDocumentedParameters(Live live) {
    SiteOptions options =
        SiteOptions.defaults().withCredentials(new Credentials(CLIENT_ID, SECRET));
    for (Map.Entry<SiteBase, String> base : live.bases().entrySet()) {
      options = options.withBase(base.getKey(), base.getValue());
    }
    Site<?> site = Sites.byName(live.site()).orElseThrow().create(options);
    URI real = URI.create(live.authorize());
    try (FakeServer recorder = new FakeServer();
        TestApp app = TestApp.withTokensInFinish(new MemoryStore()).mount(site)) {
      recorder.route(real.getRawPath(), r -> FakeResponse.text(200, "the provider"));
      Browser browser =
          new Browser().route(real.getScheme() + "://" + real.getAuthority(), recorder.url());

      Browser.Page page = browser.post(app.url("/" + live.site() + "/start"), Map.of("state", "s"));

      assertThat(page.redirects())
          .as("the start answers with a redirect")
          .anyMatch(u -> u.getPath().equals("/" + live.site() + "/start"));
      assertThat(page.body()).isEqualTo("the provider");
      URI sent = page.url();
      assertThat(sent.getScheme() + "://" + sent.getRawAuthority() + sent.getRawPath())
          .isEqualTo(live.authorize());
      Map<String, String> query = Form.decode(sent.getRawQuery());
      assertThat(query)
          .containsAllEntriesOf(live.params())
          .containsKey("state")
          .containsEntry("redirect_uri", app.url("/" + live.site() + "/oauth_callback").toString());
      for (String name : live.present()) {
        assertThat(query).containsKey(name);
      }
      for (String name : live.absent()) {
        assertThat(query).doesNotContainKey(name);
      }
      assertThat(sent.toString()).doesNotContain(SECRET);
    }
  }
}
