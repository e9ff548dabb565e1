package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.sites.gitlab.GitLab;
import org.oauthdropins.sites.gitlab.GitLabAuth;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * GitLab's quirks over loopback HTTP, against the fake GitLab: the numeric user id as key,
 * qualified by the instance everywhere but on gitlab.com, and one app offering two GitLab
 * instances. Approve, deny, the ID token checks and refresh-token rotation run in the site
 * contract.
 */
class GitLabFlowTest {

  /** Margaret on the fake, a self-managed instance: her id at that instance. */
  private Key margaret;

  private FakeGitLab gitlab;
  private TestApp app;
  private OAuth2Site<GitLabAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    gitlab = new FakeGitLab();
    margaret = new Key("GitLabAuth", "4815162@" + gitlab.url().getRawAuthority());
    site = GitLab.create(gitlab.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, gitlab);
  }

  @AfterEach
  void tearDown() {
    app.close();
    gitlab.close();
  }

  private Browser.Page login(String siteName) {
    return login(app, siteName);
  }

  private Browser.Page login(TestApp at, String siteName) {
    Browser.Page consent = browser.post(at.url("/" + siteName + "/start"), Map.of("state", "s"));
    return browser.click(consent, "Approve");
  }

  private static Key key(Browser.Page done) {
    return Key.fromUrlsafe(done.query().get("auth_entity"));
  }

  /** The fake's user, with another name: the same number at another instance is someone else. */
  private static void someoneElse(FakeGitLab instance) {
    ObjectNode other = instance.oauth().user().deepCopy();
    other.put("name", "Someone Else").put("nickname", "someone").put("preferred_username", "x");
    instance.oauth().user(other);
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

    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(margaret);
    assertThat(done.query().get("refresh_token")).isNotBlank();
    GitLabAuth auth = site.load(app.store(), margaret).orElseThrow();
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

    assertThat(site.load(app.store(), margaret).orElseThrow().userName()).isEqualTo("margaret");
    assertThat(key(done)).isEqualTo(new Key("GitLabAuth", "99@" + gitlab.url().getRawAuthority()));
  }

  @Test
  void withoutAFullNameTheUsernameIsShown() {
    ObjectNode user = gitlab.oauth().user().deepCopy();
    user.remove("name");
    gitlab.oauth().user(user);
    login("gitlab");
    assertThat(site.load(app.store(), margaret).orElseThrow().userDisplayName())
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
      assertThat(key(fromCom)).isEqualTo(margaret);
      assertThat(key(fromCorp)).isEqualTo(corpKey);
      assertThat(corpSite.load(app.store(), corpKey).orElseThrow().userId()).isEqualTo("4815162");
      assertThat(corpSite.button().label())
          .isEqualTo("Sign in with GitLab (" + corp.url().getRawAuthority() + ")");
      // The corp login's ID token was issued by, and checked against, the corp instance.
      assertThat(corpSite.load(app.store(), corpKey).orElseThrow().idTokenClaims().path("iss"))
          .hasToString('"' + corp.url().toString() + '"');
    }
  }

  @Test
  void theGitLabSiteOnTwoSelfManagedInstancesThroughOneStoreKeepsTheirSameNumberedUsersApart() {
    // Two deployments on one store (or one app that moved instances), each with the site "gitlab"
    // on its own instance: user 4815162 of one server is not user 4815162 of the other.
    try (FakeGitLab other = new FakeGitLab();
        TestApp second = TestApp.withTokensInFinish(app.store())) {
      someoneElse(other);
      OAuth2Site<GitLabAuth> otherSite = GitLab.create(other.options());
      second.mount(otherSite, other);

      Key here = key(login("gitlab"));
      Key there = key(login(second, "gitlab"));

      assertThat(here).isEqualTo(margaret);
      assertThat(there)
          .isEqualTo(new Key("GitLabAuth", "4815162@" + other.url().getRawAuthority()));
      assertThat(site.load(app.store(), here).orElseThrow().userDisplayName())
          .isEqualTo("Margaret Hamilton");
      assertThat(otherSite.load(app.store(), there).orElseThrow().userDisplayName())
          .isEqualTo("Someone Else");
    }
  }

  @Test
  void twoInstancesOnOneHostUnderTwoPathsKeepTheirSameNumberedUsersApart() {
    try (FakeServer host = new FakeServer();
        FakeGitLab a = new FakeGitLab(host, "/a");
        FakeGitLab b = new FakeGitLab(host, "/b")) {
      someoneElse(b);
      OAuth2Site<GitLabAuth> siteA = GitLab.create("gitlab_a", a.options());
      OAuth2Site<GitLabAuth> siteB = GitLab.create("gitlab_b", b.options());
      app.mount(siteA, a).mount(siteB, b);

      Key atA = key(login("gitlab_a"));
      Key atB = key(login("gitlab_b"));

      String authority = host.url().getRawAuthority();
      assertThat(atA).isEqualTo(new Key("GitLabAuth", "4815162@" + authority + "/a"));
      assertThat(atB).isEqualTo(new Key("GitLabAuth", "4815162@" + authority + "/b"));
      assertThat(siteA.load(app.store(), atA).orElseThrow().userDisplayName())
          .isEqualTo("Margaret Hamilton");
      assertThat(siteB.load(app.store(), atB).orElseThrow().userDisplayName())
          .isEqualTo("Someone Else");
      assertThat(siteB.button().label()).isEqualTo("Sign in with GitLab (" + authority + "/b)");
    }
  }

  @Test
  void gitlabComKeepsTheBareUserIdAsItsKey() {
    // The fake plays gitlab.com: the browser and the site's transport send what is meant for
    // https://gitlab.com to it, and its ID tokens name gitlab.com as their issuer.
    gitlab.issueAs(GitLab.WEB.defaultUrl());
    String fake = gitlab.url().toString();
    HttpTransport toFake =
        call ->
            JdkTransport.shared()
                .send(
                    call.withUri(
                        URI.create(call.uri().toString().replace(GitLab.WEB.defaultUrl(), fake))));
    OAuth2Site<GitLabAuth> com =
        GitLab.create(new SiteOptions(Map.of(), gitlab.credentials(), toFake));
    browser.route(GitLab.WEB.defaultUrl(), gitlab.url());
    try (TestApp comApp = TestApp.withTokensInFinish(new MemoryStore()).mount(com, gitlab)) {
      Browser.Page done = login(comApp, "gitlab");

      assertThat(browser.history().get(1).url().toString())
          .startsWith(GitLab.WEB.defaultUrl() + "/oauth/authorize?");
      assertThat(key(done)).isEqualTo(new Key("GitLabAuth", "4815162"));
      GitLabAuth auth = com.load(comApp.store(), key(done)).orElseThrow();
      assertThat(auth.idTokenClaims().path("iss").asText()).isEqualTo(GitLab.WEB.defaultUrl());
      assertThat(com.button().label()).isEqualTo("Sign in with GitLab");
      assertThat(GitLab.keyOf(comApp.store().get(key(done)).orElseThrow())).contains(key(done));
    }
  }

  @Test
  void aLoginStoredUnderTheEarlierBareKeyMovesToItsInstanceKeyAsTheReadmeSays() {
    // What an earlier version stored for a "gitlab" site on a self-managed instance: the bare id.
    AuthStore store = app.store();
    login("gitlab");
    AuthRecord stored = store.get(margaret).orElseThrow();
    Key bare = new Key("GitLabAuth", "4815162");
    store.put(copy(stored, bare));
    store.delete(margaret);

    // The README's move: the key from the record's own checked ID token, then put, then delete.
    AuthRecord old = store.get(bare).orElseThrow();
    Key now = GitLab.keyOf(old).orElseThrow();
    store.put(copy(old, now));
    store.delete(old.key());

    assertThat(now).isEqualTo(margaret);
    assertThat(store.get(bare)).isEmpty();
    assertThat(site.load(store, margaret).orElseThrow().userDisplayName())
        .isEqualTo("Margaret Hamilton");
    // A login already under its key stays where it is.
    assertThat(GitLab.keyOf(store.get(margaret).orElseThrow())).contains(margaret);
  }

  private static AuthRecord copy(AuthRecord r, Key to) {
    return new AuthRecord(
        to,
        r.site(),
        r.token(),
        r.refreshToken(),
        r.expiresAt(),
        r.userJson(),
        r.extraJson(),
        null,
        null);
  }

  @Test
  void aSecondInstanceReadsItsOwnCredentials() {
    SiteOptions noCredentials = gitlab.options().withCredentials(null);
    assertThatThrownBy(() -> GitLab.create("gitlab_corp", noCredentials))
        .hasMessageContaining("gitlab_corp_client_id");
  }
}
