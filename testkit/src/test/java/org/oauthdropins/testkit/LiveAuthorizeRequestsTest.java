package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.Credentials;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.sites.nextcloud.Nextcloud;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * What the demo's {@code --live} mode (and an app) sends the browser to for the issue-27 OAuth 2
 * sites of this family, made as the demo makes a real site ({@code Sites.byName(name).create} with
 * real base URLs and configured credentials): the provider's documented authorization endpoint with
 * its documented parameters. The browser's request to the provider is answered by a local recorder,
 * so nothing leaves the machine.
 */
class LiveAuthorizeRequestsTest {

  static Stream<Arguments> sites() {
    return Stream.of(
        Arguments.of(
            "box",
            "https://account.box.com/api/oauth2/authorize",
            Map.of("response_type", "code", "client_id", "live-id"),
            List.of("scope", "code_challenge")),
        Arguments.of(
            "notion",
            "https://api.notion.com/v1/oauth/authorize",
            Map.of("response_type", "code", "client_id", "live-id", "owner", "user"),
            List.of("scope", "code_challenge")),
        Arguments.of(
            "figma",
            "https://www.figma.com/oauth",
            Map.of("response_type", "code", "client_id", "live-id", "scope", "current_user:read"),
            List.of("code_challenge")),
        Arguments.of(
            "linear",
            "https://linear.app/oauth/authorize",
            Map.of(
                "response_type", "code",
                "client_id", "live-id",
                "scope", "read",
                "code_challenge_method", "S256"),
            List.of()),
        Arguments.of(
            "pinterest",
            "https://www.pinterest.com/oauth/",
            Map.of("response_type", "code", "client_id", "live-id", "scope", "user_accounts:read"),
            List.of("code_challenge")),
        Arguments.of(
            "tiktok",
            "https://www.tiktok.com/v2/auth/authorize/",
            Map.of("response_type", "code", "client_key", "live-id", "scope", "user.info.basic"),
            List.of("code_challenge")),
        Arguments.of(
            "gitea",
            "https://gitea.com/login/oauth/authorize",
            Map.of(
                "response_type", "code",
                "client_id", "live-id",
                "scope", "openid profile email",
                "code_challenge_method", "S256"),
            List.of()),
        Arguments.of(
            "codeberg",
            "https://codeberg.org/login/oauth/authorize",
            Map.of(
                "response_type", "code",
                "client_id", "live-id",
                "scope", "openid profile email",
                "code_challenge_method", "S256"),
            List.of()),
        Arguments.of(
            "nextcloud",
            "https://cloud.example.org/index.php/apps/oauth2/authorize",
            Map.of("response_type", "code", "client_id", "live-id"),
            List.of("scope", "code_challenge")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void theStartSendsTheBrowserToTheDocumentedAuthorizeEndpoint(
      String name, String endpoint, Map<String, String> params, List<String> absent) {
    SiteOptions options =
        SiteOptions.defaults().withCredentials(new Credentials("live-id", "live-secret"));
    if (name.equals(Nextcloud.NAME)) {
      // Nextcloud has no default instance: a live Nextcloud is the one the app names.
      options = options.withBase(Nextcloud.WEB, "https://cloud.example.org");
    }
    Site<?> site = Sites.byName(name).orElseThrow().create(options);
    URI real = URI.create(endpoint);
    try (FakeServer recorder = new FakeServer();
        TestApp app = TestApp.withTokensInFinish(new MemoryStore()).mount(site)) {
      recorder.route(real.getRawPath(), r -> FakeResponse.text(200, "the provider"));
      Browser browser =
          new Browser().route(real.getScheme() + "://" + real.getAuthority(), recorder.url());

      Browser.Page page = browser.post(app.url("/" + name + "/start"), Map.of("state", "s"));

      URI sent = page.url();
      assertThat(page.body()).isEqualTo("the provider");
      assertThat(sent.getScheme() + "://" + sent.getAuthority() + sent.getRawPath())
          .isEqualTo(endpoint);
      Map<String, String> q = Form.decode(sent.getRawQuery());
      assertThat(q).containsAllEntriesOf(params).containsKeys("state", "redirect_uri");
      assertThat(q).doesNotContainKeys(absent.toArray(String[]::new));
    }
  }
}
