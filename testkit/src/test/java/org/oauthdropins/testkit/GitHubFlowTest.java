package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Credentials;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.sites.github.GitHubAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * GitHub's own side of the login over loopback HTTP, against the fake GitHub: what it asks for and
 * stores, its token errors inside a 200, its client secret. What every site does (decline, bad or
 * replayed state, provider errors) is {@link SiteContractTest}'s.
 */
class GitHubFlowTest {

  /** Keyed by octocat's databaseId, the number GitHub never reassigns; not by the login. */
  private static final Key OCTOCAT = new Key("GitHubAuth", FakeGitHub.OCTOCAT_ID);

  private FakeGitHub github;
  private TestApp app;
  private Site<?> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    github = new FakeGitHub();
    site = GitHub.create(github.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, github);
  }

  @AfterEach
  void tearDown() {
    app.close();
    github.close();
  }

  private Browser.Page start(Browser b, String state) {
    return b.post(app.url("/github/start"), state == null ? Map.of() : Map.of("state", state));
  }

  @Test
  void approveStoresTheUserAndRedirectsWithTheToken() {
    Browser.Page consent = start(browser, "my-app-state");
    assertThat(consent.url().getPath()).isEqualTo("/login/oauth/authorize");
    Map<String, String> authorize = Form.decode(consent.url().getRawQuery());
    assertThat(authorize).containsEntry("client_id", "fake-github-client");
    assertThat(authorize).containsEntry("code_challenge_method", "S256");
    assertThat(authorize.get("state")).isNotEqualTo("my-app-state").hasSizeGreaterThan(20);

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(done.status()).isEqualTo(200);
    assertThat(done.url().getPath()).isEqualTo("/after");
    Map<String, String> q = done.query();
    assertThat(q).containsEntry("state", "my-app-state").containsKey("access_token");
    assertThat(q.get("access_token")).startsWith("gho_");
    Key key = Key.fromUrlsafe(q.get("auth_entity"));
    assertThat(key).isEqualTo(OCTOCAT);

    AuthEntity auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth).isInstanceOf(GitHubAuth.class);
    assertThat(auth.userId()).isEqualTo(FakeGitHub.OCTOCAT_ID);
    assertThat(auth.userName()).isEqualTo("octocat");
    assertThat(auth.userDisplayName()).isEqualTo("The Octocat");
    assertThat(auth.imageUrl()).isEqualTo("https://avatars.githubusercontent.com/u/583231?v=4");
    assertThat(auth.userJson().path("websiteUrl").asText()).isEqualTo("https://github.blog");
    assertThat(auth.accessToken()).isEqualTo(new AccessToken.Bearer(q.get("access_token")));
    assertThat(auth.created()).isNotNull();
    assertThat(auth.toString()).doesNotContain(q.get("access_token"));

    // The stored token signs API calls.
    var viewer =
        auth.post(github.url() + "/graphql", Map.of("query", "query { viewer { login } }"));
    assertThat(viewer.status()).isEqualTo(200);
    assertThat(viewer.json().path("data").path("viewer").path("login").asText())
        .isEqualTo("octocat");

    // The browser's list of logins now holds it, and only it.
    assertThat(app.logins().get(browser.requestTo(app.url("/after"))))
        .containsExactly(new Logins.Login("github", "The Octocat", key));
    assertThat(app.logins().verify(browser.requestTo(app.url("/after")), q.get("auth_entity")))
        .contains(key);
  }

  @Test
  void theRestApiIsReachedByPathOnTheSitesApiBaseWhichFollowsTheOverrides() {
    Browser.Page done = browser.click(start(browser, "s"), "Approve");
    AuthEntity auth =
        site.load(app.store(), Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();

    // The app names a path only: the base is the site's (here moved to the fake).
    assertThat(auth.apiUrl("/user")).isEqualTo(github.url() + "/user");
    var user = auth.get(auth.apiUrl("/user"));
    assertThat(user.status()).isEqualTo(200);
    // The REST user's id is the GraphQL databaseId, the login key.
    assertThat(user.json().path("id").asText()).isEqualTo(FakeGitHub.OCTOCAT_ID);
    assertThat(user.json().path("login").asText()).isEqualTo("octocat");
    assertThat(user.json().path("avatar_url").asText())
        .isEqualTo("https://avatars.githubusercontent.com/u/583231?v=4");

    assertThat(
            GitHub.create(SiteOptions.defaults().withCredentials(new Credentials("i", "s")))
                .apiBase())
        .contains(URI.create("https://api.github.com"));
    // Without a token the fake refuses, as GitHub does.
    assertThat(new Browser().get(URI.create(github.url() + "/user")).status()).isEqualTo(401);
  }

  @Test
  void tokenErrorInsideA200IsA502WithAPlainMessage() {
    github
        .oauth()
        .failNextToken(
            FakeResponse.json(
                200,
                Map.of(
                    "error", "bad_verification_code",
                    "error_description", "The code passed is incorrect or expired.")));
    Browser.Page done = browser.click(start(browser, "s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body())
        .contains("github refused the token request: bad_verification_code")
        .doesNotContain("Exception");
  }

  @Test
  void wrongClientSecretIsRefusedByTheFake() {
    Site<?> wrong =
        GitHub.create(
            github
                .options()
                .withCredentials(new org.oauthdropins.Credentials("fake-github-client", "nope")));
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(wrong, github)) {
      Browser.Page consent = browser.post(other.url("/github/start"), Map.of());
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.status()).isEqualTo(502);
      assertThat(done.body()).contains("invalid_client");
    }
  }

  @Test
  void oversizeAppStateIsRefusedAtTheStart() {
    Browser.Page page = start(browser, "x".repeat(org.oauthdropins.Start.MAX_STATE + 1));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("state is longer than");
    assertThat(start(browser, "x".repeat(org.oauthdropins.Start.MAX_STATE)).status())
        .isEqualTo(200);
  }

  @Test
  void twoTabsLoggingInAtOnceBothWork() {
    Browser.Page first = start(browser, "tab1");
    Browser.Page second = start(browser, "tab2");
    assertThat(browser.click(second, "Approve").query()).containsEntry("state", "tab2");
    assertThat(browser.click(first, "Approve").query()).containsEntry("state", "tab1");
  }
}
