package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.dpop.DpopKey;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.keys.ResealReport;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.PendingLogin;

/**
 * Sealing at rest on the Datastore, as someone with a copy of it sees it (every entity of the
 * namespace, read with the Datastore client): the kinds only Java reads never hold a token, secret
 * or DPoP key; the kinds the Python library reads hold exactly what Python reads unless the app
 * seals them too; and rotation and a wrong key behave as the issue asks.
 */
class DatastoreSealingTest {

  private static final Instant EXPIRES = Instant.parse("2031-02-03T04:05:06Z");
  private static final Pattern SEALED_ID = Pattern.compile("\\{sealed:(\\d+)}");

  private Datastore raw;
  private final KeyRing ring = KeyRing.generate();

  @BeforeEach
  void namespace() {
    raw =
        PythonFixtures.client(
            Emulator.PROJECT, "seal" + Secrets.random(6).replaceAll("[^A-Za-z0-9]", ""));
  }

  private static String secret(String what) {
    return what + "-S3CRET-" + Secrets.random(9).replaceAll("[^A-Za-z0-9]", "");
  }

  /** What a set of logins, registrations and a pending login stored, and which secrets where. */
  private static final class Stored {
    /** The secrets only Java reads: never in any entity, whatever the store's setting. */
    final List<String> javaOnly = new ArrayList<>();

    /** The secrets in properties the Python library reads, by the kind that holds them. */
    final Map<String, List<String>> python = new LinkedHashMap<>();

    final List<AuthRecord> logins = new ArrayList<>();
    final List<AppRegistration> apps = new ArrayList<>();
    PendingLogin pending;

    List<String> pythonSecrets() {
      return python.values().stream().flatMap(List::stream).toList();
    }
  }

  private static AuthRecord login(
      String kind, String site, AccessToken token, String refresh, String userJson, String extra) {
    return AuthRecord.of(
        new Key(kind, "u" + Secrets.random(6).replaceAll("[^A-Za-z0-9]", "")),
        site,
        token,
        refresh,
        EXPIRES,
        userJson,
        extra);
  }

  /** Logins of Java-only kinds and of Python kinds, registrations and a pending login. */
  private static Stored storeSome(AuthStore store) {
    Stored s = new Stored();
    // A site the Python library does not have: its kind is Java's own.
    String glToken = secret("gitlab-access");
    String glRefresh = secret("gitlab-refresh");
    String dpopJwk = DpopKey.generate().toJson();
    String dpopD = Json.text(Json.parse(dpopJwk), "d");
    ObjectNode glExtra = Json.object();
    glExtra.put("dpop_key", dpopJwk);
    s.javaOnly.addAll(List.of(glToken, glRefresh, dpopD));
    s.logins.add(
        login(
            "GitLabAuth",
            "gitlab",
            new AccessToken.Bearer(glToken),
            glRefresh,
            "{\"id\":7,\"username\":\"gl\"}",
            glExtra.toString()));
    // A kind the Python library no longer has.
    String medium = secret("medium-access");
    s.javaOnly.add(medium);
    s.logins.add(
        login(
            "MediumAuth", "medium", new AccessToken.Bearer(medium), null, "{\"id\":\"m\"}", "{}"));

    // Python kinds: the access token where Python reads it, the refresh token on Java's sidecar.
    String gh = secret("github-access");
    String ghRefresh = secret("github-refresh");
    s.python.put("GitHubAuth", List.of(gh));
    s.javaOnly.add(ghRefresh);
    s.logins.add(
        login(
            "GitHubAuth",
            "github",
            new AccessToken.Bearer(gh),
            ghRefresh,
            "{\"login\":\"mona\",\"id\":\"MDQ6\"}",
            "{}"));
    // Reddit: Python keeps only the refresh token; the access token is Java's alone.
    String redditAccess = secret("reddit-access");
    String redditRefresh = secret("reddit-refresh");
    s.python.put("RedditAuth", List.of(redditRefresh));
    s.javaOnly.add(redditAccess);
    s.logins.add(
        login(
            "RedditAuth",
            "reddit",
            new AccessToken.Bearer(redditAccess),
            redditRefresh,
            "{\"name\":\"r\",\"id\":\"abc\"}",
            "{}"));
    String tk = secret("twitter-key");
    String ts = secret("twitter-secret");
    s.python.put("TwitterAuth", List.of(tk, ts));
    s.logins.add(
        login(
            "TwitterAuth",
            "twitter",
            new AccessToken.OAuth1(tk, ts),
            null,
            "{\"id_str\":\"1\",\"screen_name\":\"t\"}",
            "{}"));
    // Google: Python reads its tokens in token_json; the ID token and any other credential of the
    // extra data are Java's alone, in the sidecar's java_extra_json.
    String gAccess = secret("google-access");
    String gRefresh = secret("google-refresh");
    String gIdToken = secret("google-id-token");
    String gNested = secret("google-nested-token");
    s.python.put("GoogleUser", List.of(gAccess, gRefresh));
    s.javaOnly.addAll(List.of(gIdToken, gNested));
    ObjectNode gExtra = Json.object();
    gExtra.put("id_token", gIdToken);
    gExtra.put("hd", "example.com");
    gExtra.putArray("linked").addObject().put("name", "drive").put("access_token", gNested);
    s.logins.add(
        login(
            "GoogleUser",
            "google",
            new AccessToken.Bearer(gAccess),
            gRefresh,
            "{\"sub\":\"1\",\"email\":\"g@example.com\"}",
            gExtra.toString()));
    // Dropbox: Python declares no profile, so the profile is Java's alone, on the sidecar, with
    // whatever credential the site put in it.
    String dbAccess = secret("dropbox-access");
    String dbRefresh = secret("dropbox-refresh");
    String dbProfileSecret = secret("dropbox-profile-token");
    s.python.put("DropboxAuth", List.of(dbAccess));
    s.javaOnly.addAll(List.of(dbRefresh, dbProfileSecret));
    s.logins.add(
        login(
            "DropboxAuth",
            "dropbox",
            new AccessToken.Bearer(dbAccess),
            dbRefresh,
            "{\"account_id\":\"dbid:x\",\"session_token\":\"" + dbProfileSecret + "\"}",
            "{}"));
    // Bluesky OAuth: tokens and the DPoP key inside Python's dpop_token.
    String bsAccess = secret("bsky-access");
    String bsRefresh = secret("bsky-refresh");
    String bsJwk = DpopKey.generate().toJson();
    ObjectNode bsExtra = Json.object();
    bsExtra.put("auth", "oauth");
    bsExtra.put("pds_url", "https://pds.example");
    bsExtra.put("scope", "atproto");
    bsExtra.put("dpop_key", bsJwk);
    s.python.put("BlueskyAuth", List.of(bsAccess, bsRefresh, Json.text(Json.parse(bsJwk), "d")));
    s.logins.add(
        AuthRecord.of(
            new Key("BlueskyAuth", "did:plc:" + Secrets.random(8).toLowerCase()),
            "bluesky",
            new AccessToken.Bearer(bsAccess),
            bsRefresh,
            EXPIRES,
            "{\"did\":\"did:plc:x\",\"handle\":\"x.bsky.social\"}",
            bsExtra.toString()));

    // A Mastodon registration (Python's MastodonApp) and a login that names it.
    String instance =
        "https://m" + Secrets.random(5).toLowerCase().replaceAll("[^a-z0-9]", "") + ".example";
    String mastoSecret = secret("masto-client-secret");
    s.python.put("MastodonApp", List.of(mastoSecret));
    s.apps.add(
        store.putAppIfAbsent(
            new AppRegistration(
                "mastodon",
                instance,
                "masto-client",
                mastoSecret,
                "{\"client_id\":\"masto-client\",\"client_secret\":\"" + mastoSecret + "\"}",
                null)));
    String mastoToken = secret("masto-access");
    s.python.put("MastodonAuth", List.of(mastoToken));
    s.logins.add(
        login(
            "MastodonAuth",
            "mastodon",
            new AccessToken.Bearer(mastoToken),
            null,
            "{\"id\":\"1\",\"username\":\"alice\"}",
            "{\"instance\":\"" + instance + "\"}"));
    // A registration of a site Python does not have: Java's own kind.
    String mkSecret = secret("misskey-client-secret");
    String mkAppToken = secret("misskey-app-token");
    s.javaOnly.addAll(List.of(mkSecret, mkAppToken));
    s.apps.add(
        store.putAppIfAbsent(
            new AppRegistration(
                "misskey",
                "https://mk.example",
                "mk-client",
                mkSecret,
                "{\"app_token\":\"" + mkAppToken + "\"}",
                null)));

    for (AuthRecord r : s.logins) {
      store.put(r);
    }
    // A pending login: the verifier and the DPoP key between start and callback.
    String verifier = secret("pkce-verifier");
    String pendingJwk = DpopKey.generate().toJson();
    s.javaOnly.addAll(List.of(verifier, Json.text(Json.parse(pendingJwk), "d")));
    s.pending =
        new PendingLogin(
            Secrets.random(24),
            "gitlab",
            "browser-" + Secrets.random(8),
            null,
            "https://app.example/gitlab/callback",
            Map.of("code_verifier", verifier, "dpop_key", pendingJwk),
            Instant.now().plus(Duration.ofMinutes(10)));
    store.putPending(s.pending);
    return s;
  }

  /** Every login, registration and the pending login read back as they were given. */
  private static void readsBack(DatastoreStore store, Stored s) {
    for (AuthRecord r : s.logins) {
      AuthRecord got = store.get(r.key()).orElseThrow();
      String what = r.key().kind();
      assertThat(got.token()).as(what).isEqualTo(r.token());
      assertThat(got.refreshToken()).as(what).isEqualTo(r.refreshToken());
      assertThat(Json.parse(got.userJson())).as(what).isEqualTo(Json.parse(r.userJson()));
      JsonNode extra = Json.parse(got.extraJson());
      Json.parse(r.extraJson())
          .properties()
          .forEach(
              f ->
                  assertThat(extra.get(f.getKey()))
                      .as(what + " " + f.getKey())
                      .isEqualTo(f.getValue()));
    }
    for (AppRegistration a : s.apps) {
      AppRegistration got = store.getApp(a.site(), a.instance()).orElseThrow();
      assertThat(got.clientSecret()).as(a.site()).isEqualTo(a.clientSecret());
      assertThat(got.dataJson()).as(a.site()).isEqualTo(a.dataJson());
    }
  }

  private Map<String, String> entitiesOfKinds(Set<String> kinds) {
    Map<String, String> out = new LinkedHashMap<>();
    EntityDump.byEntity(raw)
        .forEach(
            (name, text) -> {
              if (kinds.contains(name.substring(0, name.indexOf(' ')))) {
                out.put(name, text);
              }
            });
    return out;
  }

  private static final Set<String> PYTHON_KINDS =
      Set.of(
          "GitHubAuth",
          "RedditAuth",
          "TwitterAuth",
          "BlueskyAuth",
          "MastodonAuth",
          "MastodonApp",
          "GoogleUser",
          "DropboxAuth");

  @Test
  void javasOwnKindsHoldNoSecretAndPythonsHoldWhatPythonReads() {
    DatastoreStore store = new DatastoreStore(raw, ring);
    Stored s = storeSome(store);
    readsBack(store, s);

    String all = EntityDump.all(raw);
    assertThat(all).contains("OAuthDropinsPendingLogin", "OAuthDropinsJavaAuth", "OAuthDropinsApp");
    for (String secret : s.javaOnly) {
      assertThat(all)
          .as("a secret only Java reads, in a copy of the Datastore")
          .doesNotContain(secret);
    }
    // The kinds Python reads hold its tokens as Python reads them, in Python's properties.
    Map<String, String> python = entitiesOfKinds(PYTHON_KINDS);
    s.python.forEach(
        (kind, secrets) -> {
          String text =
              python.entrySet().stream()
                  .filter(e -> e.getKey().startsWith(kind + " "))
                  .map(Map.Entry::getValue)
                  .reduce("", String::concat);
          for (String secret : secrets) {
            assertThat(text).as(kind + " keeps its Python property plain").contains(secret);
          }
          assertThat(text).as(kind).doesNotContain(KeyRing.SEALED_PREFIX);
        });
    // Everything Java sealed is under the ring's key.
    assertThat(keyIds(all)).containsOnly(ring.primaryId());
  }

  @Test
  void sealingPythonKindsLeavesNoSecretInAnyEntityAndPythonReadsSealedText() {
    DatastoreStore store = new DatastoreStore(raw, ring).sealingPythonKinds();
    Stored s = storeSome(store);
    readsBack(store, s);

    String all = EntityDump.all(raw);
    for (String secret : s.javaOnly) {
      assertThat(all).doesNotContain(secret);
    }
    for (String secret : s.pythonSecrets()) {
      assertThat(all).as("a Python kind's secret, sealed on request").doesNotContain(secret);
    }
    // What a Python app reads there now: sealed text, which it cannot use as a token.
    AuthRecord gh =
        s.logins.stream()
            .filter(r -> r.key().kind().equals("GitHubAuth"))
            .findFirst()
            .orElseThrow();
    Entity e = raw.get(raw.newKeyFactory().setKind("GitHubAuth").newKey(gh.key().id()));
    assertThat(e.getString("access_token_str")).startsWith("{sealed:" + ring.primaryId() + "}");
    assertThat(keyIds(all)).containsOnly(ring.primaryId());
  }

  @Test
  void theStoreOfTheEnvironmentSealsUnderItsRing() {
    KeyRing env =
        KeySource.environment()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the module's tests run with OAUTH_DROPINS_KEYS set (datastore/pom.xml)"));
    DatastoreStore store = new DatastoreStore(raw);
    assertThat(store.keyRing().orElseThrow().spec().equals(env.spec())).isTrue();
    storeSome(store);
    assertThat(keyIds(EntityDump.all(raw))).containsOnly(env.primaryId());
    assertThat(store.forApp("https://a.example", "a").keyRing().orElseThrow().spec())
        .isEqualTo(store.keyRing().orElseThrow().spec());
    assertThat(
            store
                .sealingPythonKinds()
                .withClock(java.time.Clock.systemUTC())
                .keyRing()
                .orElseThrow()
                .spec())
        .isEqualTo(store.keyRing().orElseThrow().spec());
  }

  @Test
  void rotatedTwiceEveryAgeReadsAndAResealLeavesOnlyTheNewKey() {
    KeyRing first = ring;
    Stored old = storeSome(new DatastoreStore(raw, first));
    Stored sealedOld = storeSome(new DatastoreStore(raw, first).sealingPythonKinds());
    KeyRing second = first.rotated();
    Stored middle = storeSome(new DatastoreStore(raw, second));
    KeyRing third = second.rotated();
    DatastoreStore now = new DatastoreStore(raw, third);
    Stored fresh = storeSome(now);
    assertThat(keyIds(EntityDump.all(raw)))
        .containsExactlyInAnyOrder(first.primaryId(), second.primaryId(), third.primaryId());
    for (Stored s : List.of(old, middle, fresh)) {
      readsBack(now, s);
    }
    readsBack(now.sealingPythonKinds(), sealedOld);

    ResealReport report = now.reseal();
    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(report.resealed()).as(report.toString()).isPositive();
    assertThat(report.retired()).containsExactlyInAnyOrder(first.primaryId(), second.primaryId());
    // Pending logins excepted: they live minutes and are not re-sealed (AuthStore#reseal).
    EntityDump.byEntity(raw).entrySet().stream()
        .filter(e -> !e.getKey().startsWith(PythonKinds.PENDING_KIND + " "))
        .forEach(
            e ->
                assertThat(keyIds(e.getValue()))
                    .as("after the re-seal, " + e.getKey())
                    .isSubsetOf(third.primaryId()));
    // The default keeps the Python kinds plain: the re-seal made the ones sealed on request plain.
    assertThat(entitiesOfKinds(PYTHON_KINDS).values().stream().reduce("", String::concat))
        .doesNotContain(KeyRing.SEALED_PREFIX);
    // The pending login of each age is not re-sealed (it lives minutes) but still opens.
    assertThat(now.takePending(middle.pending.id())).isPresent();

    KeyRing onlyThird = third.without(first.primaryId()).without(second.primaryId());
    DatastoreStore after = new DatastoreStore(raw, onlyThird);
    for (Stored s : List.of(old, sealedOld, middle, fresh)) {
      readsBack(after, s);
    }
    ResealReport again = after.reseal();
    assertThat(again.resealed()).as("a second re-seal has nothing to do: " + again).isZero();
  }

  @Test
  void aWrongKeyOrAMissingOneIsA503NamingItAndNoEntityChanges() {
    Stored s = storeSome(new DatastoreStore(raw, ring));
    String before = EntityDump.all(raw);
    int id = ring.primaryId();
    KeyRing wrong = KeyRing.parse(id + ":" + KeyRing.generate().spec().split(":")[1]);
    KeyRing missing = KeyRing.generate();
    for (KeyRing bad : List.of(wrong, missing)) {
      DatastoreStore store = new DatastoreStore(raw, bad);
      AuthRecord gitlab = s.logins.get(0);
      assertThatThrownBy(() -> store.get(gitlab.key()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("key " + id);
      assertThatThrownBy(() -> store.put(gitlab))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("key " + id);
      assertThatThrownBy(store::checkKeys)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("key " + id)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ring.spec()));
      assertThat(EntityDump.all(raw)).as("nothing written under " + bad).isEqualTo(before);
    }
  }

  @Test
  void aRowSealedUnderAKeyTheRingLostIsCountedByAResealAndLeftAsItIs() {
    Stored s = storeSome(new DatastoreStore(raw, ring));
    KeyRing next = ring.rotated();
    DatastoreStore rotated = new DatastoreStore(raw, next);
    rotated.reseal();
    // A login sealed again under the old key, as a server still on the old ring would write it.
    // So is a Google login, whose only sealed values are those inside its sidecar's extra data.
    AuthRecord late = s.logins.get(0);
    AuthRecord lateGoogle =
        s.logins.stream()
            .filter(r -> r.key().kind().equals("GoogleUser"))
            .findFirst()
            .orElseThrow();
    DatastoreStore behind = new DatastoreStore(raw, next.withPrimary(ring.primaryId()));
    behind.put(late);
    behind.put(lateGoogle);
    String lateEntities = entitiesOfKinds(Set.of("OAuthDropinsJavaAuth")).toString();

    DatastoreStore lost = new DatastoreStore(raw, next.without(ring.primaryId()));
    ResealReport report = lost.reseal();
    assertThat(report.unreadable()).containsEntry(ring.primaryId(), 2L);
    assertThat(report.complete()).isFalse();
    assertThat(report.retired()).isEmpty();
    assertThat(entitiesOfKinds(Set.of("OAuthDropinsJavaAuth")).toString()).isEqualTo(lateEntities);
  }

  @Test
  void aResealSealsTheJavaOnlySecretsOfLoginsWrittenBeforeSealing() {
    DatastoreStore store = new DatastoreStore(raw, ring);
    // As a Java app before sealing wrote them: every value as given, the sidecar's too.
    Stored s = storeSome(store.unsealed());
    // The pending login is taken within minutes, and is not re-sealed (AuthStore#reseal).
    assertThat(store.takePending(s.pending.id())).isPresent();
    String before = EntityDump.all(raw);
    assertThat(s.javaOnly.stream().filter(before::contains)).hasSizeGreaterThan(5);

    ResealReport report = store.reseal();
    assertThat(report.complete()).as(report.toString()).isTrue();
    String all = EntityDump.all(raw);
    for (String secret : s.javaOnly) {
      assertThat(all).as("a secret only Java reads, after a re-seal").doesNotContain(secret);
    }
    readsBack(store, s);
    assertThat(store.reseal().resealed()).as("nothing left to re-seal").isZero();
  }

  private static Set<Integer> keyIds(String text) {
    Set<Integer> ids = new java.util.TreeSet<>();
    Matcher m = SEALED_ID.matcher(text);
    while (m.find()) {
      ids.add(Integer.parseInt(m.group(1)));
    }
    return ids;
  }

  static Instant micros(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS);
  }
}
