package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;

class KeyAndCredentialsTest {

  @TempDir Path dir;

  @Test
  void keysRoundTripThroughTheirUrlsafeForm() {
    for (String id :
        new String[] {
          "octocat", "@ryan@mastodon.social", "https://me.example/", "__x__", "ünï ✓"
        }) {
      Key k = new Key("SomeAuth", id);
      assertThat(k.urlsafe()).matches("[A-Za-z0-9_-]+");
      assertThat(Key.fromUrlsafe(k.urlsafe())).isEqualTo(k);
    }
  }

  /**
   * The Python library's {@code auth_entity}: python-ndb's {@code key.urlsafe()}, as the Python
   * library really wrote it (datastore/src/test/resources/python-datastore/python-answers.json).
   */
  @Test
  void thePythonLibrarysAuthEntityParsesAndIsWrittenByteForByte() {
    String[][] python = {
      {"ahBvYXV0aC1kcm9waW5zLXB5chcLEgpHaXRIdWJBdXRoIgdweS1tb25hDA", "GitHubAuth", "py-mona"},
      {
        "ahBvYXV0aC1kcm9waW5zLXB5cikLEgxNYXN0b2RvbkF1dGgiF0BhbGljZUBtYXN0b2Rvbi5leGFtcGxlDA",
        "MastodonAuth",
        "@alice@mastodon.example"
      },
      {
        "ahBvYXV0aC1kcm9waW5zLXB5cjELEgtCbHVlc2t5QXV0aCIgZGlkOnBsYzpweXRob25vYXV0aGxvZ2luMDAwMDAwMDAM",
        "BlueskyAuth",
        "did:plc:pythonoauthlogin00000000"
      },
    };
    for (String[] p : python) {
      Key key = new Key(p[1], p[2]);
      assertThat(Key.fromUrlsafe(p[0])).isEqualTo(key);
      assertThat(key.pythonUrlsafe("oauth-dropins-py", null)).isEqualTo(p[0]);
      assertThat(Key.fromUrlsafe(key.pythonUrlsafe("p", "ns"))).isEqualTo(key);
      assertThat(Key.fromUrlsafe(key.urlsafe())).isEqualTo(key);
    }
    // An auto-id key (a MastodonApp) names no login, but parses: Reference with an integer id.
    assertThat(Key.fromUrlsafe("ahBvYXV0aC1kcm9waW5zLXB5chELEgtNYXN0b2RvbkFwcBgBDA"))
        .isEqualTo(new Key("MastodonApp", "1"));
    // A path of two elements is not a login key.
    assertThatThrownBy(
            () ->
                Key.fromUrlsafe(
                    "ahBvYXV0aC1kcm9waW5zLXB5ci4LEgpHaXRIdWJBdXRoIgdweS1tb25hDAsSCkdpdEh1YkF1dGgiB3B5LW1vbmEM"))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void garbageKeysAreBadRequests() {
    for (String bad : new String[] {"", "!!!", "Zm9v", "OmZvbw"}) {
      assertThatThrownBy(() -> Key.fromUrlsafe(bad)).isInstanceOf(BadRequestException.class);
    }
    assertThatThrownBy(() -> new Key("Bad Kind", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void credentialsFromEnvironmentThenFiles() throws Exception {
    Files.writeString(dir.resolve("github_client_id"), "file-id\n");
    Files.writeString(dir.resolve("github_client_secret"), "file-secret\n");
    assertThat(Credentials.lookup("github_client_id", "github_client_secret", Map.of(), dir))
        .contains(new Credentials("file-id", "file-secret"));
    assertThat(
            Credentials.lookup(
                "github_client_id",
                "github_client_secret",
                Map.of("GITHUB_CLIENT_ID", "env-id", "GITHUB_CLIENT_SECRET", "env-secret"),
                dir))
        .contains(new Credentials("env-id", "env-secret"));
    assertThat(Credentials.envName("wordpress.com_client_id")).isEqualTo("WORDPRESS_COM_CLIENT_ID");
  }

  @Test
  void halfConfiguredCredentialsNameTheMissingFileAndVariable() throws Exception {
    Files.writeString(dir.resolve("github_client_id"), "id");
    assertThatThrownBy(
            () -> Credentials.lookup("github_client_id", "github_client_secret", Map.of(), dir))
        .hasMessageContaining("GITHUB_CLIENT_SECRET")
        .hasMessageContaining("./github_client_secret");
    assertThat(Credentials.lookup("x_id", "x_secret", Map.of(), dir)).isEmpty();
  }

  @Test
  void secretsNeverPrint() {
    assertThat(new Credentials("id", "s3cret-value").toString()).doesNotContain("s3cret-value");
    assertThat(new AccessToken.Bearer("tok-value").toString()).doesNotContain("tok-value");
    assertThat(new AccessToken.OAuth1("k-value", "s-value").toString())
        .doesNotContain("k-value", "s-value");
  }

  @Test
  void finishPathsMustStayOnThisServer() {
    for (String bad :
        new String[] {
          "https://evil.example/", "//evil.example/", "/\\evil.example", "after", "/a b"
        }) {
      assertThatThrownBy(() -> Finish.redirectTo(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(Finish.redirectTo("/after")).isNotNull();
  }
}
