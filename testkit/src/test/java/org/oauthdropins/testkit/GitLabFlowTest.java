package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Key;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.gitlab.GitLab;
import org.oauthdropins.gitlab.GitLabAuth;
import org.oauthdropins.oauth2.OAuth2Site;
import org.oauthdropins.store.MemoryStore;

/**
 * GitLab's quirks over loopback HTTP, against the fake GitLab: the numeric user id as key, and one
 * app offering two GitLab instances. Approve, deny, the ID token checks and refresh-token rotation
 * run in the site contract.
 */
class GitLabFlowTest {

  private static final Key MARGARET = new Key("GitLabAuth", "4815162");

  private FakeGitLab gitlab;
  private TestApp app;
  private OAuth2Site<GitLabAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    gitlab = new FakeGitLab();
    site = GitLab.create(gitlab.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, gitlab);
  }

  @AfterEach
  void tearDown() {
    app.close();
    gitlab.close();
  }

  private Browser.Page login(String siteName) {
    Browser.Page consent = browser.post(app.url("/" + siteName + "/start"), Map.of("state", "s"));
    return browser.click(consent, "Approve");
  }

  @Test
  void aLoginAsksForOpenIdWithPkceAndANonceAndIsKeyedByTheNumericUserId() {
    Browser.Page consent = browser.post(app.url("/gitlab/start"), Map.of("state", "s"));
    assertThat(consent.url().getPath()).isEqualTo("/oauth/authorize");
    assertThat(consent.query())
        .containsEntry("client_id", "fake-gitlab-application-id")
        .containsEntry("scope", "openid profile email")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "nonce");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(MARGARET);
    assertThat(done.query().get("refresh_token")).isNotBlank();
    GitLabAuth auth = site.load(app.store(), MARGARET).orElseThrow();
    assertThat(auth.userId()).isEqualTo("4815162");
    assertThat(auth.userName()).isEqualTo("mhamilton");
    assertThat(auth.userDisplayName()).isEqualTo("Margaret Hamilton");
    assertThat(auth.imageUrl()).endsWith("/avatar.png");
    assertThat(auth.email()).isEqualTo("margaret@example.org");
    assertThat(auth.profileUrl()).isEqualTo("https://gitlab.com/mhamilton");
    assertThat(auth.groups()).containsExactly("apollo", "apollo/guidance");
    assertThat(auth.idTokenClaims().path("iss").asText()).isEqualTo(gitlab.url().toString());
  }

  @Test
  void aRenamedUserLoadsTheSameLoginAndAStrangerWithTheOldNameDoesNot() {
    login("gitlab");
    ObjectNode renamed = gitlab.oauth().user().deepCopy();
    renamed.put("nickname", "margaret").put("preferred_username", "margaret");
    gitlab.oauth().user(renamed);
    login("gitlab");

    ObjectNode stranger = gitlab.oauth().user().deepCopy();
    stranger.put("sub", "99").put("nickname", "mhamilton").put("preferred_username", "mhamilton");
    gitlab.oauth().user(stranger);
    Browser.Page done = login("gitlab");

    assertThat(site.load(app.store(), MARGARET).orElseThrow().userName()).isEqualTo("margaret");
    assertThat(Key.fromUrlsafe(done.query().get("auth_entity")))
        .isEqualTo(new Key("GitLabAuth", "99"));
  }

  @Test
  void withoutAFullNameTheUsernameIsShown() {
    ObjectNode user = gitlab.oauth().user().deepCopy();
    user.remove("name");
    gitlab.oauth().user(user);
    login("gitlab");
    assertThat(site.load(app.store(), MARGARET).orElseThrow().userDisplayName())
        .isEqualTo("mhamilton");
  }

  @Test
  void twoInstancesInOneAppKeepTheirSameNumberedUsersApart() {
    try (FakeGitLab corp = new FakeGitLab()) {
      OAuth2Site<GitLabAuth> corpSite = GitLab.create("gitlab_corp", corp.options());
      app.mount(corpSite, corp);

      Browser.Page fromCom = login("gitlab");
      Browser.Page fromCorp = login("gitlab_corp");

      // The same user number on both instances: two logins, two keys.
      Key corpKey = new Key("GitLabAuth", "4815162@" + corp.url().getRawAuthority());
      assertThat(Key.fromUrlsafe(fromCom.query().get("auth_entity"))).isEqualTo(MARGARET);
      assertThat(Key.fromUrlsafe(fromCorp.query().get("auth_entity"))).isEqualTo(corpKey);
      assertThat(corpSite.load(app.store(), corpKey).orElseThrow().userId()).isEqualTo("4815162");
      assertThat(corpSite.button().label())
          .isEqualTo("Sign in with GitLab (" + corp.url().getRawAuthority() + ")");
      // The corp login's ID token was issued by, and checked against, the corp instance.
      assertThat(corpSite.load(app.store(), corpKey).orElseThrow().idTokenClaims().path("iss"))
          .hasToString('"' + corp.url().toString() + '"');
    }
  }

  @Test
  void aSecondInstanceReadsItsOwnCredentials() {
    SiteOptions noCredentials = gitlab.options().withCredentials(null);
    assertThatThrownBy(() -> GitLab.create("gitlab_corp", noCredentials))
        .hasMessageContaining("gitlab_corp_client_id");
  }
}
