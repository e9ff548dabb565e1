package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.Credentials;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * What a login at the real site starts with, as the demo's live mode sends it: each identity
 * platform site, made with its real base URLs, redirects the browser to the authorize endpoint its
 * provider documents, with the documented parameters. Nothing reaches the provider: the test reads
 * the app's redirect without following it. (Okta, Auth0 and Cognito have no real default: their
 * endpoints come from the tenant's discovery document, and the fakes' flow tests cover them.)
 */
class LiveAuthorizeRequestTest {

  /**
   * @param site the site's name
   * @param authorize the documented authorize endpoint
   * @param params parameters the request must carry with these values
   * @param present parameters it must carry, whatever their values
   * @param absent parameters it must not carry
   */
  record Live(
      String site,
      String authorize,
      Map<String, String> params,
      Set<String> present,
      Set<String> absent) {
    @Override
    public String toString() {
      return site;
    }
  }

  private static final Set<String> CODE_FLOW = Set.of("client_id", "redirect_uri", "state");

  static Stream<Live> sites() {
    return Stream.of(
        new Live(
            "salesforce",
            "https://login.salesforce.com/services/oauth2/authorize",
            Map.of(
                "response_type", "code",
                "scope", "openid profile email",
                "code_challenge_method", "S256"),
            Set.of("nonce", "code_challenge"),
            Set.of()),
        new Live(
            "yahoo",
            "https://api.login.yahoo.com/oauth2/request_auth",
            Map.of("response_type", "code", "scope", "openid profile email"),
            Set.of("nonce"),
            Set.of()),
        new Live(
            "amazon",
            "https://www.amazon.com/ap/oa",
            Map.of("response_type", "code", "scope", "profile", "code_challenge_method", "S256"),
            Set.of("code_challenge"),
            Set.of()),
        new Live(
            "paypal",
            "https://www.paypal.com/signin/authorize",
            Map.of("response_type", "code", "scope", "openid profile email", "flowEntry", "static"),
            Set.of(),
            Set.of("code_challenge")),
        new Live(
            "atlassian",
            "https://auth.atlassian.com/authorize",
            Map.of(
                "response_type", "code",
                "scope", "read:me",
                "audience", "api.atlassian.com",
                "prompt", "consent"),
            Set.of(),
            Set.of("code_challenge")),
        new Live(
            "bitbucket",
            "https://bitbucket.org/site/oauth2/authorize",
            Map.of("response_type", "code"),
            Set.of(),
            Set.of("scope", "code_challenge")));
  }

  @ParameterizedTest
  @MethodSource("sites")
  void aStartRedirectsToTheDocumentedAuthorizeEndpointWithItsParameters(Live live)
      throws Exception {
    Site<?> site =
        Sites.byName(live.site())
            .orElseThrow()
            .create(
                SiteOptions.defaults().withCredentials(new Credentials("live-id", "live-secret")));
    try (TestApp app = TestApp.withTokensInFinish(new MemoryStore()).mount(site)) {
      HttpResult started =
          JdkTransport.shared()
              .send(HttpCall.postForm(app.url("/" + live.site() + "/start"), Map.of("state", "s")));

      assertThat(started.status()).isBetween(300, 399);
      URI to = URI.create(started.header("Location"));
      assertThat(to.getScheme() + "://" + to.getRawAuthority() + to.getRawPath())
          .isEqualTo(live.authorize());
      Map<String, String> query = Form.decode(to.getRawQuery());
      assertThat(query).containsAllEntriesOf(live.params()).containsEntry("client_id", "live-id");
      for (String name : CODE_FLOW) {
        assertThat(query).containsKey(name);
      }
      for (String name : live.present()) {
        assertThat(query).containsKey(name);
      }
      for (String name : live.absent()) {
        assertThat(query).doesNotContainKey(name);
      }
      assertThat(URI.create(query.get("redirect_uri")).getPath())
          .isEqualTo("/" + live.site() + "/oauth_callback");
    }
  }
}
