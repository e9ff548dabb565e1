package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.slack.Slack;
import org.oauthdropins.sites.slack.SlackAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Sign in with Slack's own side of the login against the fake Slack: the key of team and user, the
 * scopes, and Slack's errors inside a 200. What every site does is {@link SiteContractTest}'s.
 */
class SlackFlowTest {

  private static final Key KRANE = new Key("SlackAuth", FakeSlack.TEAM + ":" + FakeSlack.USER);

  private FakeSlack slack;
  private TestApp app;
  private OAuth2Site<SlackAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    slack = new FakeSlack();
    site = Slack.create(slack.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, slack);
  }

  @AfterEach
  void tearDown() {
    app.close();
    slack.close();
  }

  private Browser.Page login(Map<String, String> form) {
    return browser.click(browser.post(app.url("/slack/start"), form), "Approve");
  }

  @Test
  void theKeyIsTheWorkspaceAndTheUserFromTheIdToken() {
    Map<String, String> authorize = browser.post(app.url("/slack/start"), Map.of()).query();
    assertThat(authorize).containsEntry("scope", "openid profile").containsKey("nonce");

    Browser.Page done = login(Map.of());

    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(KRANE);
    SlackAuth auth = site.load(app.store(), KRANE).orElseThrow();
    assertThat(auth.teamId()).isEqualTo(FakeSlack.TEAM);
    assertThat(auth.userId()).isEqualTo(FakeSlack.USER);
    assertThat(auth.teamName()).isEqualTo("kraneflannel");
    assertThat(auth.userDisplayName()).isEqualTo("krane");
    assertThat(auth.imageUrl()).isEqualTo("https://secure.gravatar.com/avatar/krane.png");
    assertThat(auth.refreshToken()).isNull();
    assertThat(auth.email()).isNull();
  }

  @Test
  void theSameUserIdInAnotherWorkspaceIsAnotherLogin() {
    login(Map.of());
    slack.signInAs("T0OTHER1", FakeSlack.USER);

    Browser.Page done = login(Map.of());

    Key other = Key.fromUrlsafe(done.query().get("auth_entity"));
    assertThat(other).isEqualTo(new Key("SlackAuth", "T0OTHER1:" + FakeSlack.USER));
    assertThat(app.store().get(KRANE)).isPresent();
  }

  @Test
  void theEmailScopeAddsTheVerifiedAddress() {
    login(Map.of("scope", "email"));

    SlackAuth auth = site.load(app.store(), KRANE).orElseThrow();
    assertThat(auth.email()).isEqualTo("krane@slack-corp.com");
    assertThat(auth.emailVerified()).isTrue();
  }

  @Test
  void aTokenErrorInsideA200IsRefused() {
    slack
        .oauth()
        .failNextToken(FakeResponse.json(200, Map.of("ok", false, "error", "invalid_code")));

    Browser.Page done = login(Map.of());

    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("invalid_code");
    assertThat(app.store().get(KRANE)).isEmpty();
  }

  @Test
  void aUserinfoErrorInsideA200IsRefused() {
    ObjectNode revoked = Json.object();
    revoked.put("ok", true);
    revoked.put("access_token", "xoxp-revoked");
    slack.oauth().tokenFields(revoked);

    Browser.Page done = login(Map.of());

    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("invalid_auth");
    assertThat(app.store().get(KRANE)).isEmpty();
  }
}
