package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.miauth.MiAuthSite;
import org.oauthdropins.sites.misskey.Misskey;
import org.oauthdropins.sites.misskey.MisskeyAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** Misskey's quirks: MiAuth's session is the login's state, and its check answers once. */
class MisskeyFlowTest {

  private final FakeMisskey misskey = new FakeMisskey();
  private final MiAuthSite<MisskeyAuth> site = Misskey.create(misskey.options());
  private final TestApp app = TestApp.withTokensInFinish(new MemoryStore()).mount(site);
  private final Browser browser = new Browser();

  @AfterEach
  void tearDown() {
    app.close();
    misskey.close();
  }

  private Browser.Page start() {
    return browser.post(
        app.url("/misskey/start"), Map.of("instance", misskey.url().toString(), "state", "s"));
  }

  @Test
  void theMiAuthPageGetsTheAppNameACallbackWithTheStateAndReadAccountOnly() {
    Browser.Page consent = start();

    Map<String, String> q = consent.query();
    String session = consent.url().getPath().substring("/miauth/".length());
    assertThat(session).hasSizeGreaterThanOrEqualTo(22);
    assertThat(q)
        .containsEntry("name", "oauth-dropins")
        .containsEntry("permission", "read:account");
    assertThat(q.get("callback"))
        .startsWith(app.url("/misskey/oauth_callback").toString() + "?state=")
        .endsWith("=" + session);
  }

  @Test
  void approveStoresTheUserKeyedByUsernameAndHost() {
    Browser.Page done = browser.click(start(), "Approve");

    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    assertThat(key).isEqualTo(new Key("MisskeyAuth", "@alice@" + misskey.url().getRawAuthority()));
    MisskeyAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.userId()).isEqualTo("9xkq2b7c3d");
    assertThat(auth.username()).isEqualTo("alice");
    assertThat(auth.actorId()).isEqualTo(misskey.url() + "/users/9xkq2b7c3d");
    assertThat(auth.imageUrl()).isEqualTo(misskey.url() + "/avatars/alice.webp");
    assertThat(auth.refreshToken()).isNull();
    assertThat(misskey.grantedPermissions()).containsExactly("read:account");
    assertThat(auth.api("/api/i").json().path("id").asText()).isEqualTo("9xkq2b7c3d");
  }

  @Test
  void aCallbackWhoseSessionIsNotTheLoginsIsRefusedAndStoresNothing() {
    Browser.Page consent = start();
    String callback = consent.query().get("callback");

    Browser.Page done = browser.get(URI.create(callback + "&session=" + "B".repeat(32)));

    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("session is not this login's");
    assertThat(app.store().get(new Key("MisskeyAuth", "@alice@" + misskey.url().getRawAuthority())))
        .isEmpty();
  }

  @Test
  void aCallbackWithoutSessionIsRefused() {
    Browser.Page consent = start();

    Browser.Page done = browser.get(URI.create(consent.query().get("callback")));

    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("missing session");
  }
}
