package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.Timestamp;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.StringValue;
import com.google.cloud.datastore.ValueType;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;

/**
 * Entities exactly as the Python library writes them (kinds, key names, property names and types:
 * sites.md §1B and §3), read by the Java store; and the Java store's writes, read back raw the way
 * Python would read them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonLayoutTest {

  private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00.123456Z");
  private static final Instant UPDATED = Instant.parse("2025-01-02T03:04:05.5Z");

  private DatastoreStore store;
  private Datastore raw;

  @BeforeAll
  void open() {
    store = DatastoreStore.emulator(Emulator.get().hostPort(), Emulator.PROJECT);
    raw = store.datastore();
  }

  @AfterAll
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private Key key(String kind, String name) {
    return raw.newKeyFactory().setKind(kind).newKey(name);
  }

  private static StringValue text(String s) {
    return StringValue.newBuilder(s).setExcludeFromIndexes(true).build();
  }

  /** What Python's put() of a GitHubAuth writes. */
  private Entity pythonGitHub(String keyName, String token) {
    return Entity.newBuilder(key("GitHubAuth", keyName))
        .set("access_token_str", token)
        .set("user_json", text("{\"login\": \"" + keyName + "\", \"name\": \"Mona Lisa\"}"))
        .set("created", Timestamp.parseTimestamp(CREATED.toString()))
        .set("updated", Timestamp.parseTimestamp(UPDATED.toString()))
        .build();
  }

  private static AuthRecord bearer(
      String kind, String id, String site, String token, String extraJson) {
    return AuthRecord.of(
        new org.oauthdropins.store.Key(kind, id),
        site,
        new AccessToken.Bearer(token),
        null,
        null,
        "{\"id\":\"" + id + "\"}",
        extraJson);
  }

  @Test
  void readsAGitHubAuthThatPythonWrote() {
    String login = "mona-" + Secrets.random(4);
    raw.put(pythonGitHub(login, "gho_python"));

    AuthRecord r = store.get(new org.oauthdropins.store.Key("GitHubAuth", login)).orElseThrow();
    assertThat(r.site()).isEqualTo("github");
    assertThat(r.token()).isEqualTo(new AccessToken.Bearer("gho_python"));
    assertThat(Json.parse(r.userJson()).path("name").asText()).isEqualTo("Mona Lisa");
    assertThat(r.created()).isEqualTo(CREATED);
    assertThat(r.updated()).isEqualTo(UPDATED);
    assertThat(r.refreshToken()).isNull();
    assertThat(r.extraJson()).isEqualTo("{}");
  }

  @Test
  void aNameKeyedPythonLoginStillLoadsAndMovesToItsImmutableKeyAsTheReadmeSays() {
    String login = "mona-" + Secrets.random(4);
    String databaseId = String.valueOf(1_000_000 + (long) (Math.random() * 1e9));
    raw.put(pythonGitHub(login, "gho_python"));

    // A Java login of the same person writes beside it, under the immutable id.
    store.put(bearer("GitHubAuth", databaseId, "github", "gho_java", "{}"));
    AuthRecord old = store.get(new org.oauthdropins.store.Key("GitHubAuth", login)).orElseThrow();
    assertThat(old.token()).isEqualTo(new AccessToken.Bearer("gho_python"));

    // The README's move: the same record under the new key, then the old one deleted.
    String moving = databaseId + "1";
    org.oauthdropins.store.Key moved = new org.oauthdropins.store.Key("GitHubAuth", moving);
    store.put(
        new AuthRecord(
            moved,
            old.site(),
            old.token(),
            old.refreshToken(),
            old.expiresAt(),
            old.userJson(),
            old.extraJson(),
            null,
            null));
    assertThat(store.delete(old.key())).isTrue();

    assertThat(raw.get(key("GitHubAuth", login))).isNull();
    Entity e = raw.get(key("GitHubAuth", moving));
    assertThat(e.getString("access_token_str")).isEqualTo("gho_python");
    assertThat(Json.parse(store.get(moved).orElseThrow().userJson()).path("name").asText())
        .isEqualTo("Mona Lisa");
  }

  @Test
  void theFirstJavaLoginUnderTheIdKeyFindsThePythonLoginOfTheSameUserUnderItsNameKey() {
    String login = "mona-" + Secrets.random(4);
    String nodeId = "MDQ6VXNlcj" + Secrets.random(4);
    raw.put(
        Entity.newBuilder(pythonGitHub(login, "gho_python"))
            .set("user_json", text("{\"id\": \"" + nodeId + "\", \"login\": \"" + login + "\"}"))
            .build());
    String databaseId = String.valueOf(1_000_000 + (long) (Math.random() * 1e9));
    String profile =
        "{\"id\":\"" + nodeId + "\",\"login\":\"" + login + "\",\"databaseId\":" + databaseId + "}";

    AuthRecord stored = store.put(gitHubLogin(databaseId, "gho_java", profile));

    // The same user (same immutable id): the Java login carries the Python login's history on.
    assertThat(stored.created()).isEqualTo(CREATED);
    // The Python entity stays for the Python app and its auth_entity links.
    assertThat(raw.get(key("GitHubAuth", login)).getString("access_token_str"))
        .isEqualTo("gho_python");

    // Another user who took over the name (a different id) is not taken for the same user.
    String otherId = String.valueOf(Long.parseLong(databaseId) + 1);
    AuthRecord other =
        store.put(
            gitHubLogin(
                otherId, "gho_other", "{\"id\":\"MDQ6other\",\"login\":\"" + login + "\"}"));
    assertThat(other.created()).isNotEqualTo(CREATED);
  }

  private static AuthRecord gitHubLogin(String id, String token, String profile) {
    return AuthRecord.of(
        new org.oauthdropins.store.Key("GitHubAuth", id),
        "github",
        new AccessToken.Bearer(token),
        null,
        null,
        profile,
        "{}");
  }

  @Test
  void pythonsEscapedDunderKeyIsTheSameUser() {
    String id = "__dunder" + Secrets.random(4);
    // Python prefixes a backslash to ids that start with two underscores.
    raw.put(pythonGitHub("\\" + id, "gho_dunder"));
    AuthRecord r = store.get(new org.oauthdropins.store.Key("GitHubAuth", id)).orElseThrow();
    assertThat(r.key().id()).isEqualTo(id);
    assertThat(r.token()).isEqualTo(new AccessToken.Bearer("gho_dunder"));

    // And a Java write of that user lands on Python's entity, not beside it.
    store.put(r.withTokens(new AccessToken.Bearer("gho_java"), null, null));
    Entity e = raw.get(key("GitHubAuth", "\\" + id));
    assertThat(e.getString("access_token_str")).isEqualTo("gho_java");
    assertThat(raw.get(key("GitHubAuth", id.substring(0)))).isNull();
  }

  @Test
  void javaWritesWhatPythonReads() {
    String login = "octo-" + Secrets.random(4);
    store.put(bearer("GitHubAuth", login, "github", "gho_j", "{}"));
    Entity e = raw.get(key("GitHubAuth", login));
    assertThat(e.getString("access_token_str")).isEqualTo("gho_j");
    assertThat(e.getValue("user_json").getType()).isEqualTo(ValueType.STRING);
    assertThat(e.getValue("user_json").excludeFromIndexes()).isTrue();
    assertThat(e.getTimestamp("created")).isNotNull();
    assertThat(e.getTimestamp("updated")).isNotNull();
    // Nothing Java-only for a plain GitHub login: Python sees exactly its own properties.
    assertThat(e.getNames())
        .containsExactlyInAnyOrder("access_token_str", "user_json", "created", "updated");
  }

  @Test
  void oauth1KindsUseTokenKeyAndSecret() {
    String name = "tw-" + Secrets.random(4);
    raw.put(
        Entity.newBuilder(key("TwitterAuth", name))
            .set("token_key", "tk")
            .set("token_secret", "ts")
            .set("user_json", text("{\"screen_name\": \"" + name + "\"}"))
            .build());
    AuthRecord r = store.get(new org.oauthdropins.store.Key("TwitterAuth", name)).orElseThrow();
    assertThat(r.site()).isEqualTo("twitter");
    assertThat(r.token()).isEqualTo(new AccessToken.OAuth1("tk", "ts"));
    assertThat(r.created()).isNull(); // written before Python 6.8 added created/updated

    store.put(r.withTokens(new AccessToken.OAuth1("tk2", "ts2"), null, null));
    Entity e = raw.get(key("TwitterAuth", name));
    assertThat(e.getString("token_key")).isEqualTo("tk2");
    assertThat(e.getString("token_secret")).isEqualTo("ts2");
  }

  @Test
  void tokenJsonKindsKeepRefreshAndExpiryInsideTokenJson() {
    String sub = "1" + (long) (Math.random() * 1e12);
    raw.put(
        Entity.newBuilder(key("GoogleUser", sub))
            .set(
                "token_json",
                text(
                    "{\"access_token\": \"ya29.a\", \"refresh_token\": \"1//r\","
                        + " \"expires_at\": 1767225600.5, \"scope\": \"openid\","
                        + " \"token_type\": \"Bearer\"}"))
            .set("user_json", text("{\"sub\": \"" + sub + "\", \"name\": \"G\"}"))
            .build());
    org.oauthdropins.store.Key k = new org.oauthdropins.store.Key("GoogleUser", sub);
    AuthRecord r = store.get(k).orElseThrow();
    assertThat(r.site()).isEqualTo("google");
    assertThat(r.token()).isEqualTo(new AccessToken.Bearer("ya29.a"));
    assertThat(r.refreshToken()).isEqualTo("1//r");
    assertThat(r.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.5Z"));
    assertThat(Json.parse(r.extraJson()).path("token_json").path("scope").asText())
        .isEqualTo("openid");

    Instant later = Instant.parse("2026-02-01T00:00:00Z");
    store.put(r.withTokens(new AccessToken.Bearer("ya29.b"), "1//r2", later));
    var tokenJson = Json.parse(raw.get(key("GoogleUser", sub)).getString("token_json"));
    assertThat(tokenJson.path("access_token").asText()).isEqualTo("ya29.b");
    assertThat(tokenJson.path("refresh_token").asText()).isEqualTo("1//r2");
    assertThat(tokenJson.path("expires_at").asDouble()).isEqualTo(later.getEpochSecond());
    assertThat(tokenJson.path("token_type").asText()).isEqualTo("Bearer");
  }

  @Test
  void siteSpecificPropertiesKeepTheirPythonNamesAndTypes() {
    String id = "fb" + Secrets.random(4);
    raw.put(
        Entity.newBuilder(key("FacebookAuth", id))
            .set("access_token_str", "EAAB")
            .set("auth_code", "c0de")
            .set("type", "user")
            .set("pages_json", text("[{\"id\": \"9\", \"name\": \"Page\"}]"))
            .set("user_json", text("{\"id\": \"" + id + "\"}"))
            .set("some_future_field", 42L)
            .build());
    org.oauthdropins.store.Key k = new org.oauthdropins.store.Key("FacebookAuth", id);
    AuthRecord r = store.get(k).orElseThrow();
    var extra = Json.parse(r.extraJson());
    assertThat(extra.path("auth_code").asText()).isEqualTo("c0de");
    assertThat(extra.path("type").asText()).isEqualTo("user");
    // Java's FacebookAuth reads its pages as `pages`; Python keeps them in pages_json.
    assertThat(extra.path("pages").path(0).path("name").asText()).isEqualTo("Page");
    assertThat(extra.has("pages_json")).isFalse();
    assertThat(extra.path("some_future_field").asLong()).isEqualTo(42);

    store.put(r);
    Entity e = raw.get(key("FacebookAuth", id));
    assertThat(e.getString("auth_code")).isEqualTo("c0de");
    assertThat(e.getString("type")).isEqualTo("user");
    assertThat(Json.parse(e.getString("pages_json")).path(0).path("id").asText()).isEqualTo("9");
    assertThat(e.getValue("pages_json").excludeFromIndexes()).isTrue();
    assertThat(e.getString("access_token_str")).isEqualTo("EAAB");
  }

  @Test
  void redditKeepsItsRefreshTokenWherePythonDoes() {
    String name = "r" + Secrets.random(4);
    raw.put(
        Entity.newBuilder(key("RedditAuth", name))
            .set("refresh_token", "rt-python")
            .set("user_json", text("{\"name\": \"" + name + "\"}"))
            .build());
    AuthRecord r = store.get(new org.oauthdropins.store.Key("RedditAuth", name)).orElseThrow();
    assertThat(r.refreshToken()).isEqualTo("rt-python");
    assertThat(r.token()).isNull();

    store.put(r.withTokens(new AccessToken.Bearer("at-java"), "rt-java", null));
    Entity e = raw.get(key("RedditAuth", name));
    assertThat(e.getString("refresh_token")).isEqualTo("rt-java");
    // Python has no access token for Reddit: ours is kept in Java's own entity beside it, where
    // a Python save of the login cannot wipe it, and sealed, since only Java reads it.
    assertThat(e.contains("java_token")).isFalse();
    assertThat(raw.get(key(PythonKinds.SIDECAR_KIND, "RedditAuth " + name)).getString("java_token"))
        .startsWith(KeyRing.SEALED_PREFIX)
        .doesNotContain("at-java");
    assertThat(store.get(r.key()).orElseThrow().token())
        .isEqualTo(new AccessToken.Bearer("at-java"));
  }

  @Test
  void aPythonAppIsFoundOnlyByTheAppThatRegisteredItAndIsNeverDeletedNorOverwritten() {
    String instance =
        "https://" + Secrets.random(6).toLowerCase().replaceAll("[^a-z0-9]", "") + ".example";
    Key appKey = raw.allocateId(raw.newKeyFactory().setKind("MastodonApp").newKey());
    Entity python =
        Entity.newBuilder(appKey)
            .set("instance", instance + "/")
            .set(
                "data",
                text("{\"client_id\": \"cid\", \"client_secret\": \"csec\", \"id\": \"7\"}"))
            .set("instance_info", text("{\"uri\": \"x\"}"))
            .set("app_url", "https://app.example/")
            .set("app_name", "oauth-dropins demo")
            .set("created_at", Timestamp.parseTimestamp(CREATED.toString()))
            .build();
    raw.put(python);

    // The app that registered it (same URL and name: a Java app on the Python app's domain).
    DatastoreStore same = store.forApp("https://app.example", "oauth-dropins demo");
    AppRegistration app = same.getApp("mastodon", instance).orElseThrow();
    assertThat(app.clientId()).isEqualTo("cid");
    assertThat(app.clientSecret()).isEqualTo("csec");
    assertThat(app.created()).isEqualTo(CREATED);
    assertThat(same.getApp("pixelfed", instance)).isEmpty();

    // Any other app does not see it, and registers its own beside it.
    DatastoreStore other = store.forApp("https://other.example", "oauth-dropins demo");
    assertThat(other.getApp("mastodon", instance)).isEmpty();
    assertThat(store.getApp("mastodon", instance)).isEmpty();
    assertThat(
            other
                .putAppIfAbsent(new AppRegistration("mastodon", instance, "new", "new", null, null))
                .clientId())
        .isEqualTo("new");
    assertThat(other.getApp("mastodon", instance).orElseThrow().clientId()).isEqualTo("new");
    assertThat(same.getApp("mastodon", instance).orElseThrow().clientId()).isEqualTo("cid");

    // Replacing it (it has no registered callback) writes beside it; deleting deletes ours only.
    AppRegistration mine =
        same.replaceApp("cid", new AppRegistration("mastodon", instance, "cid2", "s2", null, null))
            .orElseThrow();
    assertThat(mine.clientId()).isEqualTo("cid2");
    assertThat(same.getApp("mastodon", instance).orElseThrow().clientId()).isEqualTo("cid2");
    assertThat(same.deleteApp("mastodon", instance)).isTrue();
    assertThat(other.deleteApp("mastodon", instance)).isTrue();
    assertThat(same.deleteApp("mastodon", instance)).isFalse();
    assertThat(raw.get(appKey)).isEqualTo(python);
  }
}
