package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Value;
import com.google.cloud.datastore.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.oauthdropins.internal.dpop.DpopKey;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/**
 * Java's writes meet the Python models (models.txt: the declared properties, which are required,
 * their types), and a Python app's save of a Java-written login, which keeps only the declared
 * properties, loses nothing Java needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonSaveTest {

  private static final Instant EXPIRES = Instant.parse("2030-01-02T03:04:05.678Z");

  private Datastore raw;
  private DatastoreStore store;
  private final Map<String, Map<String, String>> models = PythonFixtures.models();

  @BeforeAll
  void open() {
    raw =
        PythonFixtures.client(
            Emulator.PROJECT, "save" + Secrets.random(6).replaceAll("[^A-Za-z0-9]", ""));
    store = open(raw).forApp("https://java.example", "java app");
  }

  @AfterAll
  void close() {
    store.close();
  }

  private static AuthRecord record(
      String kind,
      String site,
      AccessToken token,
      String refresh,
      Instant expires,
      String userJson,
      String extraJson) {
    return AuthRecord.of(
        new Key(kind, "u" + Secrets.random(6)), site, token, refresh, expires, userJson, extraJson);
  }

  /** One Java login of every shape the Python models must hold. */
  private List<AuthRecord> javaLogins() {
    AppRegistration app =
        store.putAppIfAbsent(
            new AppRegistration(
                "mastodon",
                "https://m"
                    + Secrets.random(4).toLowerCase().replaceAll("[^a-z0-9]", "")
                    + ".example",
                "cid",
                "csec",
                "{\"registered_redirect_uri\":\"https://java.example/mastodon/callback\"}",
                null,
                EXPIRES));
    ObjectNode bsky = Json.object();
    bsky.put("auth", "oauth");
    bsky.put("pds_url", "https://pds.example");
    bsky.put("issuer", "https://bsky.social");
    bsky.put("token_endpoint", "https://bsky.social/oauth/token");
    bsky.put("client_id", "https://java.example/bluesky/client-metadata.json");
    bsky.put("scope", "atproto transition:generic");
    bsky.put("dpop_key", DpopKey.generate().toJson());
    return List.of(
        record(
            "GitHubAuth",
            "github",
            new AccessToken.Bearer("ghu_a"),
            "ghr_r",
            EXPIRES,
            "{\"login\":\"mona\",\"databaseId\":1}",
            "{}"),
        record(
            "FacebookAuth",
            "facebook",
            new AccessToken.Bearer("EAA"),
            null,
            EXPIRES,
            "{\"id\":\"1\",\"name\":\"F\"}",
            "{\"type\":\"user\",\"pages\":[{\"id\":\"9\",\"name\":\"P\",\"category\":\"Blog\","
                + "\"access_token\":\"EAAP\"}]}"),
        record(
            "MastodonAuth",
            "mastodon",
            new AccessToken.Bearer("mtok"),
            null,
            null,
            "{\"id\":\"1\",\"username\":\"alice\"}",
            "{\"instance\":\"" + app.instance() + "\",\"scope\":\"read:accounts\"}"),
        record(
            "BlueskyAuth",
            "bluesky",
            new AccessToken.Bearer("dpop-access"),
            "dpop-refresh",
            // Python's dpop_token keeps its expiry in whole seconds.
            EXPIRES.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            "{\"did\":\"did:plc:x\",\"handle\":\"x.bsky.social\"}",
            bsky.toString()),
        record(
            "BlueskyAuth",
            "bluesky",
            new AccessToken.Bearer("jwt-access"),
            "jwt-refresh",
            null,
            "{\"did\":\"did:plc:y\",\"handle\":\"y.bsky.social\"}",
            "{\"auth\":\"password\",\"pds_url\":\"https://pds.example\"}"),
        record(
            "DropboxAuth",
            "dropbox",
            new AccessToken.Bearer("sl.a"),
            "dbx-refresh",
            EXPIRES,
            "{\"account_id\":\"dbid:1\",\"name\":{\"display_name\":\"D\"}}",
            "{\"uid\":\"1234\"}"),
        record(
            "RedditAuth",
            "reddit",
            new AccessToken.Bearer("reddit-access"),
            "reddit-refresh",
            EXPIRES,
            "{\"name\":\"r\",\"id\":\"abc\"}",
            "{}"),
        record(
            "TwitterAuth",
            "twitter",
            new AccessToken.OAuth1("tk", "ts"),
            null,
            null,
            "{\"id_str\":\"1\"}",
            "{}"),
        record(
            "DisqusAuth",
            "disqus",
            new AccessToken.Bearer("dq"),
            "dq-refresh",
            EXPIRES,
            "{\"id\":\"1\"}",
            "{}"),
        record(
            "InstagramAuth",
            "instagram",
            new AccessToken.Bearer("ig"),
            null,
            EXPIRES,
            "{\"id\":\"1\"}",
            "{}"),
        record(
            "WordPressAuth",
            "wordpress",
            new AccessToken.Bearer("wp"),
            null,
            null,
            "{\"ID\":1}",
            "{\"blog_id\":\"42\",\"blog_url\":\"https://b.example/\"}"),
        record(
            "TwitterOAuth2",
            "twitter_v2",
            new AccessToken.Bearer("x-access"),
            "x-refresh",
            EXPIRES,
            "{\"id\":\"1\"}",
            "{}"));
  }

  @Test
  void theModelsCopiedIntoTheStoreAreThePythonModels() {
    for (var m : PythonKinds.MODELS.entrySet()) {
      assertThat(models.get(m.getKey())).as(m.getKey()).isEqualTo(m.getValue());
    }
    assertThat(PythonKinds.MODELS.keySet()).containsExactlyInAnyOrderElementsOf(models.keySet());
  }

  @Test
  void javaWritesOnlyDeclaredPropertiesEveryRequiredOneAndInPythonsTypes() {
    List<String> problems = new ArrayList<>();
    for (AuthRecord r : javaLogins()) {
      store.put(r);
      Entity e = raw.get(raw.newKeyFactory().setKind(r.key().kind()).newKey(r.key().id()));
      problems.addAll(modelProblems(e));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aPythonSaveOfAJavaLoginLosesNothingJavaNeeds() {
    for (AuthRecord r : javaLogins()) {
      AuthRecord before = store.put(r);
      var k = raw.newKeyFactory().setKind(r.key().kind()).newKey(r.key().id());
      raw.put(PythonFixtures.pythonSave(raw.get(k)));

      AuthRecord after = store.get(r.key()).orElseThrow();
      String what = r.key().kind() + " " + r.extraJson();
      assertThat(after.token()).as(what).isEqualTo(r.token());
      assertThat(after.refreshToken()).as(what).isEqualTo(r.refreshToken());
      assertThat(after.expiresAt()).as(what).isEqualTo(r.expiresAt());
      assertThat(after.site()).as(what).isEqualTo(r.site());
      assertThat(Json.parse(after.userJson())).as(what).isEqualTo(Json.parse(r.userJson()));
      JsonNode extra = Json.parse(after.extraJson());
      for (var f : Json.parse(r.extraJson()).properties()) {
        assertThat(extra.get(f.getKey())).as(what + " " + f.getKey()).isEqualTo(f.getValue());
      }
      assertThat(after).as(what).isEqualTo(before.withTimes(after.created(), after.updated()));
    }
  }

  @Test
  void aPythonSaveOfNewTokensWinsAndJavasOldOnesAreNotUsed() {
    AuthRecord reddit =
        record(
            "RedditAuth",
            "reddit",
            new AccessToken.Bearer("old-access"),
            "old-refresh",
            EXPIRES,
            "{\"name\":\"r\"}",
            "{}");
    store.put(reddit);
    var k = raw.newKeyFactory().setKind("RedditAuth").newKey(reddit.key().id());
    // A Python re-login writes its own entity: a new refresh token, no access token.
    raw.put(
        Entity.newBuilder(PythonFixtures.pythonSave(raw.get(k)))
            .set("refresh_token", "python-refresh")
            .build());

    AuthRecord after = store.get(reddit.key()).orElseThrow();
    assertThat(after.refreshToken()).isEqualTo("python-refresh");
    assertThat(after.token()).isNull();
    // The old grant's expiry goes with its access token; the first call refreshes
    // (AuthEntity#send).
    assertThat(after.expiresAt()).isNull();
  }

  /** What a Python put() of this entity would refuse or lose. */
  private List<String> modelProblems(Entity e) {
    String kind = e.getKey().getKind();
    Map<String, String> declared = models.get(kind);
    List<String> problems = new ArrayList<>();
    if (declared == null) {
      return List.of(kind + ": no Python model");
    }
    for (String name : e.getNames()) {
      String type = declared.get(name);
      if (type == null) {
        problems.add(kind + "." + name + ": not declared, a Python save drops it");
        continue;
      }
      Value<?> v = e.getValue(name);
      if (v.getType() == ValueType.NULL) {
        continue;
      }
      ValueType want =
          type.startsWith("DateTime")
              ? ValueType.TIMESTAMP
              : type.startsWith("Key") ? ValueType.KEY : ValueType.STRING;
      if (v.getType() != want) {
        problems.add(kind + "." + name + ": " + v.getType() + " where Python has " + type);
      }
      boolean unindexed = type.contains("unindexed");
      if (unindexed && !v.excludeFromIndexes()) {
        problems.add(kind + "." + name + ": indexed where Python has " + type);
      }
    }
    for (var d : declared.entrySet()) {
      if (d.getValue().contains("required")
          && (!e.contains(d.getKey()) || e.getValue(d.getKey()).getType() == ValueType.NULL)) {
        problems.add(kind + "." + d.getKey() + ": required by Python, missing");
      }
    }
    return problems;
  }

  /**
   * The store under test on a namespace: the default, which keeps the Python kinds as Python writes
   * them; {@code PythonSaveSealedTest} runs these tests with those kinds sealed too.
   */
  DatastoreStore open(Datastore raw) {
    return new DatastoreStore(raw);
  }
}
