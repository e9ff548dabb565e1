package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.discord.Discord;
import org.oauthdropins.sites.discord.DiscordAuth;

/**
 * Discord's own side of the login against the fake Discord: the scopes it asks for, the key (the
 * snowflake, not the username), the avatar built from the CDN pattern, and the email only with its
 * scope. What every site does is {@link SiteContractTest}'s.
 */
class DiscordFlowTest extends AbstractRefreshingFlowTest<FakeDiscord, DiscordAuth> {

  DiscordFlowTest() {
    super(FakeDiscord::new, Discord::create, FakeDiscord.NELLY_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(fake.url() + "/api/v10/users/@me");
  }

  @Test
  void approveAsksForIdentifyWithPkceAndKeysTheLoginByTheUserId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-discord-client")
        .containsEntry("scope", "identify")
        .containsEntry("code_challenge_method", "S256");

    DiscordAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeDiscord.NELLY_ID);
    assertThat(auth.userName()).isEqualTo("nelly");
    assertThat(auth.userDisplayName()).isEqualTo("Nelly");
    assertThat(auth.imageUrl())
        .isEqualTo(
            "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png");
    assertThat(auth.refreshToken()).startsWith("ref_");
    assertThat(auth.email()).isNull();
    assertThat(auth.emailVerified()).isFalse();
  }

  @Test
  void theEmailScopeAddsTheVerifiedAddress() {
    assertThat(authorizeParams(start("s", "email"))).containsEntry("scope", "identify email");
    Browser.Page done = browser.click(start("s", "email"), "Approve");

    DiscordAuth auth = site.load(store, expectedKey()).orElseThrow();
    assertThat(done.status()).isEqualTo(200);
    assertThat(auth.email()).isEqualTo("nelly@discord.com");
    assertThat(auth.emailVerified()).isTrue();
  }

  @Test
  void aRenamedUserKeepsTheirLoginAndShowsTheNewName() {
    approve("s");
    ObjectNode renamed = ((ObjectNode) oauth().user()).deepCopy();
    renamed.put("username", "nelly2");
    renamed.putNull("global_name");
    oauth().user(renamed);

    DiscordAuth auth = approve("again");

    assertThat(auth.keyId()).isEqualTo(FakeDiscord.NELLY_ID);
    assertThat(auth.userName()).isEqualTo("nelly2");
    assertThat(auth.userDisplayName()).isEqualTo("nelly2");
  }

  @Test
  void animatedAndDefaultAvatarsFollowTheCdnRules() {
    assertThat(loginAs("a_8342729096ea3675442027381ff50dfe", "0"))
        .isEqualTo(
            "https://cdn.discordapp.com/avatars/80351110224678912/a_8342729096ea3675442027381ff50dfe.gif");
    // New username system: (80351110224678912 >> 22) % 6 = 5.
    assertThat(loginAs(null, "0")).isEqualTo("https://cdn.discordapp.com/embed/avatars/5.png");
    // Legacy discriminator: 1337 % 5 = 2.
    assertThat(loginAs(null, "1337")).isEqualTo("https://cdn.discordapp.com/embed/avatars/2.png");
    // A hash that is not one is not put into a URL.
    assertThat(loginAs("../../evil", "0"))
        .isEqualTo("https://cdn.discordapp.com/embed/avatars/5.png");
  }

  private String loginAs(String avatar, String discriminator) {
    ObjectNode user = ((ObjectNode) oauth().user()).deepCopy();
    user.put("avatar", avatar);
    user.put("discriminator", discriminator);
    oauth().user(user);
    return approve("s").imageUrl();
  }
}
