package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.gitea.Gitea;
import org.oauthdropins.sites.gitea.GiteaAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Forgejo's and Gitea's quirks over loopback HTTP, against the fake: the issuer with its trailing
 * slash, the key qualified by the instance on every instance (the Codeberg preset and gitea.com
 * too), and one app offering gitea.com, Codeberg and a named Forgejo instance side by side with the
 * same numbered user on each. Approve, deny, the ID token checks and refresh-token rotation run in
 * the site contract.
 */
class GiteaFlowTest {

  private FakeGitea gitea;
  private TestApp app;
  private OAuth2Site<GiteaAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    gitea = new FakeGitea();
    site = Gitea.create(gitea.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, gitea);
  }

  @AfterEach
  void tearDown() {
    app.close();
    gitea.close();
  }

  private Browser.Page login(String siteName) {
    Browser.Page consent = browser.post(app.url("/" + siteName + "/start"), Map.of("state", "s"));
    return browser.click(consent, "Approve");
  }

  private static Key key(Browser.Page done) {
    return Key.fromUrlsafe(done.query().get("auth_entity"));
  }

  @Test
  void aLoginAsksForOpenIdWithPkceAndIsKeyedByTheUserIdAtItsInstance() {
    Browser.Page consent = browser.post(app.url("/gitea/start"), Map.of("state", "s"));
    assertThat(consent.url().getPath()).isEqualTo("/login/oauth/authorize");
    assertThat(consent.query())
        .containsEntry("client_id", "fake-gitea-client")
        .containsEntry("scope", "openid profile email")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "nonce");

    Key key = key(browser.click(consent, "Approve"));

    Key expected = new Key("GiteaAuth", FakeGitea.USER_ID + "@" + gitea.url().getRawAuthority());
    assertThat(key).isEqualTo(expected);
    GiteaAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.userId()).isEqualTo(FakeGitea.USER_ID);
    assertThat(auth.userName()).isEqualTo("dana");
    assertThat(auth.userDisplayName()).isEqualTo("Dana Forge");
    assertThat(auth.email()).isEqualTo("dana@example.org");
    assertThat(auth.groups()).containsExactly("forge-team", "forge-team:maintainers");
    assertThat(auth.idTokenClaims().path("iss").asText()).isEqualTo(gitea.url() + "/");
    assertThat(auth.apiUrl("/user")).isEqualTo(gitea.url() + "/api/v1/user");
  }

  @Test
  void giteaComCodebergAndANamedForgejoInstanceKeepTheirSameNumberedUsersApart() {
    try (FakeGitea codeberg = FakeGitea.codeberg();
        FakeGitea corp = new FakeGitea()) {
      OAuth2Site<GiteaAuth> codebergSite = Gitea.codeberg(codeberg.options());
      OAuth2Site<GiteaAuth> corpSite = Gitea.create("forgejo_corp", corp.options());
      app.mount(codebergSite, codeberg).mount(corpSite, corp);

      Key atGitea = key(login("gitea"));
      Key atCodeberg = key(login("codeberg"));
      Key atCorp = key(login("forgejo_corp"));

      assertThat(atCodeberg)
          .isEqualTo(
              new Key("CodebergAuth", FakeGitea.USER_ID + "@" + codeberg.url().getRawAuthority()));
      assertThat(atCorp)
          .isEqualTo(new Key("GiteaAuth", FakeGitea.USER_ID + "@" + corp.url().getRawAuthority()));
      assertThat(atGitea).isNotEqualTo(atCodeberg).isNotEqualTo(atCorp);
      assertThat(codebergSite.button().label()).isEqualTo("Sign in with Codeberg");
      assertThat(corpSite.button().label())
          .isEqualTo("Sign in with " + corp.url().getRawAuthority());
      assertThat(corpSite.load(app.store(), atCorp).orElseThrow().idTokenClaims().path("iss"))
          .hasToString('"' + corp.url().toString() + "/\"");
    }
  }

  @Test
  void thePresetsDefaultToTheirOwnInstances() {
    assertThat(Gitea.WEB.defaultUrl()).isEqualTo("https://gitea.com");
    assertThat(Gitea.CODEBERG_WEB.defaultUrl()).isEqualTo("https://codeberg.org");
  }

  @Test
  void logoutEndsTheLoginInThisBrowserOnlyAsTheInstanceNamesNoEndSessionEndpoint() {
    // Gitea's and Forgejo's discovery names neither an end_session_endpoint nor a
    // revocation_endpoint (go-gitea/gitea issue 16488), and the fake's says the same.
    JsonNode discovery =
        Json.parse(
            new Browser()
                .get(URI.create(gitea.url() + "/.well-known/openid-configuration"))
                .body());
    assertThat(discovery.has("end_session_endpoint")).isFalse();
    assertThat(discovery.has("revocation_endpoint")).isFalse();
    Browser.Page done = login("gitea");
    Key key = key(done);

    Browser.Page home =
        browser.post(
            app.url("/gitea/logout"), Map.of("auth_entity", done.query().get("auth_entity")));

    // To the app's root (which this test app does not serve), never by way of the instance.
    assertThat(home.url()).isEqualTo(app.url("/"));
    assertThat(home.redirects())
        .noneMatch(u -> gitea.url().getRawAuthority().equals(u.getRawAuthority()));
    assertThat(
            app.logins().get(browser.requestTo(app.url("/"))).stream()
                .anyMatch(l -> l.key().equals(key)))
        .isFalse();
    // Logging out is not disconnecting: the stored login stays.
    assertThat(app.store().get(key)).isPresent();
  }
}
