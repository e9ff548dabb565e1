package org.oauthdropins.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.ResealReport;

/**
 * What every {@link LoginStore} promises, the rules as test names: a record round-trips whole,
 * overwrites keep {@code created}, concurrent writers leave one writer's whole record, and the
 * refresh write-back is a compare-and-set on the tokens. Run on every implementation by a nested
 * subclass in its test class.
 */
public abstract class LoginStoreContract extends StoreContract {

  private LoginStore logins;

  @BeforeEach
  void theLogins() {
    logins = store.logins();
  }

  @Test
  void putGetDelete() {
    Key key = newKey("GitHubAuth");
    assertThat(logins.get(key)).isEmpty();

    AuthRecord stored = logins.put(sample(key));
    assertThat(stored.created()).isEqualTo(clock.instant());
    assertThat(stored.updated()).isEqualTo(clock.instant());
    assertThat(logins.get(key)).contains(stored);

    assertThat(logins.delete(key)).isTrue();
    assertThat(logins.get(key)).isEmpty();
    assertThat(logins.delete(key)).isFalse();
  }

  @Test
  void aStateIsSpentOnceWithTheLoginItsCallbackStores() {
    String state = Secrets.random(32);
    Instant until = clock.instant().plus(Duration.ofMinutes(10));
    Key first = newKey("GitHubAuth");
    Key replayed = newKey("GitHubAuth");

    Optional<AuthRecord> stored = logins.putSpendingState(sample(first), state, until);
    Optional<AuthRecord> again = logins.putSpendingState(sample(replayed), state, until);

    assertThat(stored).isPresent();
    assertThat(logins.get(first)).isEqualTo(stored);
    assertThat(again).isEmpty();
    assertThat(logins.get(replayed)).isEmpty();
    assertThat(logins.spendState(state, until)).isFalse();
  }

  @Test
  void aDeclinedCallbackSpendsItsStateAloneAndItsReplayStoresNothing() {
    String state = Secrets.random(32);
    Instant until = clock.instant().plus(Duration.ofMinutes(10));
    Key key = newKey("GitHubAuth");

    assertThat(logins.spendState(state, until)).isTrue();
    assertThat(logins.spendState(state, until)).isFalse();
    assertThat(logins.putSpendingState(sample(key), state, until)).isEmpty();
    assertThat(logins.get(key)).isEmpty();
  }

  @Test
  void ofCallbacksRacingWithOneStateExactlyOneStoresItsLogin() throws Exception {
    String state = Secrets.random(32);
    Instant until = clock.instant().plus(Duration.ofMinutes(10));
    List<Key> keys = new java.util.ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      keys.add(newKey("GitHubAuth"));
    }
    List<Boolean> stored =
        race(keys::get, k -> logins.putSpendingState(sample(k), state, until).isPresent());

    assertThat(stored.stream().filter(b -> b).count()).isEqualTo(1);
    for (int i = 0; i < keys.size(); i++) {
      assertThat(logins.get(keys.get(i)).isPresent()).isEqualTo(stored.get(i));
    }
  }

  @Test
  void aSpentStateIsForgottenOnceItHasExpiredSoSpentStatesStayBounded() {
    String state = Secrets.random(32);
    Instant until = clock.instant().plus(Duration.ofMinutes(10));
    assertThat(logins.spendState(state, until)).isTrue();

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));

    // Its callback is refused as expired before the store is asked; the store keeps no row for it.
    assertThat(logins.spendState(state, clock.instant().plus(Duration.ofMinutes(10)))).isTrue();
  }

  @Test
  void everyTokenShapeAndFieldRoundTrips() {
    Instant expires = clock.instant().plus(Duration.ofHours(1));
    List<AuthRecord> records =
        List.of(
            AuthRecord.of(
                newKey("TwitterAuth"),
                "twitter",
                new AccessToken.OAuth1("k-" + Secrets.random(8), "s-" + Secrets.random(8)),
                null,
                null,
                "{\"screen_name\":\"x\"}",
                "{}"),
            AuthRecord.of(
                newKey("RedditAuth"),
                "reddit",
                null,
                "refresh-" + Secrets.random(8),
                null,
                "{\"name\":\"r\"}",
                "{}"),
            AuthRecord.of(
                newKey("GoogleUser"),
                "google",
                new AccessToken.Bearer("ya29." + Secrets.random(8)),
                "1//" + Secrets.random(8),
                expires,
                "{\"sub\":\"1\"}",
                "{\"scope\":\"openid\",\"n\":3,\"flag\":true,\"nested\":{\"a\":[1,2]}}"));
    for (AuthRecord r : records) {
      AuthRecord stored = logins.put(r);
      assertThat(logins.get(r.key())).contains(stored);
      assertThat(stored.token()).isEqualTo(r.token());
      assertThat(stored.refreshToken()).isEqualTo(r.refreshToken());
      assertThat(stored.expiresAt()).isEqualTo(r.expiresAt());
      assertJsonEquals(stored.extraJson(), r.extraJson());
    }
  }

  @Test
  void overwriteKeepsCreatedAndMovesUpdated() {
    Key key = newKey("GitHubAuth");
    AuthRecord first = logins.put(sample(key));
    clock.advance(Duration.ofMinutes(5));

    AuthRecord second =
        logins.put(
            AuthRecord.of(
                key,
                "github",
                new AccessToken.OAuth1("key2", "secret2"),
                "refresh2",
                clock.instant().plus(Duration.ofHours(2)),
                "{\"login\":\"renamed\"}",
                "{\"extra\":\"x\"}"));

    assertThat(second.created()).isEqualTo(first.created());
    assertThat(second.updated()).isEqualTo(clock.instant()).isAfter(first.updated());
    AuthRecord read = logins.get(key).orElseThrow();
    assertThat(read).isEqualTo(second);
    assertThat(read.token()).isEqualTo(new AccessToken.OAuth1("key2", "secret2"));
    assertJsonEquals(read.userJson(), "{\"login\":\"renamed\"}");

    // Back to a record without the optional fields: nothing of the old one lingers.
    clock.advance(Duration.ofMinutes(1));
    logins.put(sample(key));
    AuthRecord third = logins.get(key).orElseThrow();
    assertThat(third.refreshToken()).isNull();
    assertThat(third.expiresAt()).isNull();
    assertThat(third.token()).isInstanceOf(AccessToken.Bearer.class);
    assertJsonEquals(third.extraJson(), "{}");
    assertThat(third.created()).isEqualTo(first.created());
  }

  @Test
  void unicodeAndALargeUserJson() {
    Key key = new Key("GitHubAuth", "Ünïcødé-用户-🐙-" + Secrets.random(4));
    StringBuilder big = new StringBuilder("{\"name\":\"Zoë 山田 🐙\",\"bio\":\"");
    while (big.length() < 400_000) {
      big.append("línea ünïcode 日本語 \\\"quoted\\\" 🐙 ");
    }
    big.append("\"}");
    AuthRecord stored =
        logins.put(
            AuthRecord.of(
                key,
                "github",
                new AccessToken.Bearer("tök€n"),
                null,
                null,
                big.toString(),
                "{\"note\":\"ключ\"}"));
    AuthRecord read = logins.get(key).orElseThrow();
    assertThat(read).isEqualTo(stored);
    assertJsonEquals(read.userJson(), big.toString());
    assertThat(read.key().id()).isEqualTo(key.id());
  }

  @Test
  void keysThatStartWithTwoUnderscores() {
    String suffix = Secrets.random(4);
    Key dunder = new Key("GitHubAuth", "__init__" + suffix);
    Key plain = new Key("GitHubAuth", "init__" + suffix);
    Key single = new Key("GitHubAuth", "_x" + suffix);
    for (Key k : List.of(dunder, plain, single)) {
      logins.put(sample(k));
    }
    for (Key k : List.of(dunder, plain, single)) {
      AuthRecord read = logins.get(k).orElseThrow();
      assertThat(read.key()).isEqualTo(k);
      assertThat(read.userJson()).contains(k.id());
    }
    assertThat(logins.delete(dunder)).isTrue();
    assertThat(logins.get(dunder)).isEmpty();
    assertThat(logins.get(plain)).isPresent();
  }

  /** The record that racer {@code i} writes: every field says who wrote it. */
  private static AuthRecord writer(Key key, int i, String refresh) {
    return AuthRecord.of(
        key,
        "github",
        new AccessToken.Bearer("token-" + i),
        refresh,
        null,
        "{\"writer\":" + i + "}",
        "{}");
  }

  @Test
  void concurrentFirstWritesOfOneKeyAllSucceed() throws Exception {
    for (int round = 0; round < 5; round++) {
      Key key = newKey("GitHubAuth");
      List<AuthRecord> written = race(i -> writer(key, i, null), r -> logins.put(r));
      AuthRecord last = logins.get(key).orElseThrow();
      // The store holds exactly one writer's whole record, not a mix of two.
      assertThat(written).anySatisfy(w -> assertThat(w).isEqualTo(last));
      String writer = last.userJson().replaceAll("\\D", "");
      assertThat(last.token()).isEqualTo(new AccessToken.Bearer("token-" + writer));
      assertThat(written).allSatisfy(w -> assertThat(w.created()).isEqualTo(last.created()));
    }
  }

  @Test
  void concurrentOverwritesKeepOneWholeRecord() throws Exception {
    Key key = newKey("GitHubAuth");
    AuthRecord first = logins.put(sample(key));
    clock.advance(Duration.ofSeconds(1));
    race(i -> writer(key, i, "refresh-" + i), r -> logins.put(r));
    AuthRecord last = logins.get(key).orElseThrow();
    String writer = last.userJson().replaceAll("\\D", "");
    assertThat(last.token()).isEqualTo(new AccessToken.Bearer("token-" + writer));
    assertThat(last.refreshToken()).isEqualTo("refresh-" + writer);
    assertThat(last.created()).isEqualTo(first.created());
  }

  // ---- refresh write-back: compare-and-set on the tokens

  private static AuthRecord refreshable(Key key, AccessToken token, String refresh) {
    return AuthRecord.of(key, "github", token, refresh, null, "{\"login\":\"x\"}", "{}");
  }

  @Test
  void refreshedTokensAreWrittenOnlyOverTheTokensThatWereSpent() {
    Key key = newKey("GitHubAuth");
    AuthRecord spent = logins.put(refreshable(key, new AccessToken.Bearer("old"), "r1"));
    clock.advance(Duration.ofMinutes(1));
    AuthRecord fresh =
        spent.withTokens(new AccessToken.Bearer("new"), "r2", clock.instant().plusSeconds(60));

    AuthRecord written = logins.putIfTokensUnchanged(spent, fresh).orElseThrow();
    assertThat(written.token()).isEqualTo(fresh.token());
    assertThat(written.refreshToken()).isEqualTo("r2");
    assertThat(written.created()).isEqualTo(spent.created());
    assertThat(written.updated()).isEqualTo(clock.instant());
    assertThat(logins.get(key)).contains(written);

    // A second server that spent the same tokens writes nothing over the first one's.
    AuthRecord late = spent.withTokens(new AccessToken.Bearer("late"), "r3", null);
    assertThat(logins.putIfTokensUnchanged(spent, late)).isEmpty();
    assertThat(logins.get(key)).contains(written);

    // Both tokens are compared: the same access token with another refresh token differs.
    AuthRecord sameAccess = written.withTokens(written.token(), "r-other", null);
    assertThat(logins.putIfTokensUnchanged(sameAccess, late)).isEmpty();

    // A deleted login stays deleted.
    logins.delete(key);
    assertThat(logins.putIfTokensUnchanged(written, late)).isEmpty();
    assertThat(logins.get(key)).isEmpty();
  }

  @Test
  void compareAndSetHandlesOAuth1PairsAndMissingRefreshTokens() {
    Key key = newKey("TumblrAuth");
    AuthRecord spent = logins.put(refreshable(key, new AccessToken.OAuth1("k", "s"), null));
    AuthRecord otherSecret = refreshable(key, new AccessToken.OAuth1("k", "other"), null);
    AuthRecord renewed = refreshable(key, new AccessToken.OAuth1("k2", "s2"), null);
    assertThat(logins.putIfTokensUnchanged(otherSecret, renewed)).isEmpty();
    assertThat(logins.putIfTokensUnchanged(spent, renewed)).isPresent();
    assertThat(logins.get(key).orElseThrow().token()).isEqualTo(renewed.token());
  }

  @Test
  void racingWriteBacksOfOneSpentTokenExactlyOneWins() throws Exception {
    for (int round = 0; round < 3; round++) {
      Key key = newKey("GitHubAuth");
      AuthRecord spent = logins.put(refreshable(key, new AccessToken.Bearer("old"), "r0"));
      List<Optional<AuthRecord>> results =
          race(
              i -> spent.withTokens(new AccessToken.Bearer("token-" + i), "refresh-" + i, null),
              fresh -> logins.putIfTokensUnchanged(spent, fresh));
      List<AuthRecord> winners = results.stream().flatMap(Optional::stream).toList();
      assertThat(winners).as("winners of round %d", round).hasSize(1);
      assertThat(logins.get(key)).contains(winners.get(0));
    }
  }

  // ---- sealed at rest

  /** A login with a secret in every place a site keeps one, and a profile name to find. */
  private static AuthRecord withSecrets(Key key, String name, List<String> secrets) {
    String access = "gho_" + Secrets.random(16);
    String refresh = "ghr_" + Secrets.random(16);
    String idToken = "eyJ" + Secrets.random(24);
    String pageToken = "EAA" + Secrets.random(16);
    String dpop = "dpop-d-" + Secrets.random(16);
    String session = "session-" + Secrets.random(16);
    secrets.addAll(List.of(access, refresh, idToken, pageToken, dpop, session));
    return AuthRecord.of(
        key,
        "github",
        new AccessToken.Bearer(access),
        refresh,
        null,
        "{\"login\":\"" + name + "\",\"accessJwt\":\"" + session + "\"}",
        "{\"id_token\":\""
            + idToken
            + "\",\"pages\":[{\"name\":\"page\",\"access_token\":\""
            + pageToken
            + "\"}],\"dpop_key\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\""
            + dpop
            + "\"},\"token_type\":\"bearer\",\"n\":3}");
  }

  @Test
  void noTokenOrSecretOfAStoredLoginIsInTheBackend() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      LoginStore sealed = scratch.open(clock, KeyRing.generate()).logins();
      List<String> secrets = new java.util.ArrayList<>();
      String name = "mona-" + Secrets.random(8);
      AuthRecord bearer = withSecrets(newKey("GitHubAuth"), name, secrets);
      String key1 = "oauth1-key-" + Secrets.random(12);
      String secret1 = "oauth1-secret-" + Secrets.random(12);
      secrets.addAll(List.of(key1, secret1));
      AuthRecord oauth1 =
          AuthRecord.of(
              newKey("TwitterAuth"),
              "twitter",
              new AccessToken.OAuth1(key1, secret1),
              null,
              null,
              "{\"screen_name\":\"" + name + "\"}",
              "{}");
      for (AuthRecord r : List.of(bearer, oauth1)) {
        AuthRecord stored = sealed.put(r);
        AuthRecord read = sealed.get(r.key()).orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(read.token()).isEqualTo(r.token());
        assertThat(read.refreshToken()).isEqualTo(r.refreshToken());
        assertJsonEquals(read.userJson(), r.userJson());
        assertJsonEquals(read.extraJson(), r.extraJson());
      }

      String dump = scratch.dump();
      // The dump shows what is stored: the profile's name is there as it is.
      assertThat(dump).contains(name);
      for (String secret : secrets) {
        assertThat(dump).as("the backend's copy").doesNotContain(secret);
      }
    }
  }

  @Test
  void aLoginStoredBeforeSealingIsStillRead() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      AuthRecord plain = withSecrets(newKey("GitHubAuth"), "old", new java.util.ArrayList<>());
      AuthRecord stored = scratch.unsealed(clock).logins().put(plain);
      AuthRecord read =
          scratch.open(clock, KeyRing.generate()).logins().get(plain.key()).orElseThrow();
      assertThat(read).isEqualTo(stored);
    }
  }

  @Test
  void aSealedTokenMovedToAnotherLoginDoesNotOpen() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      KeyRing ring = KeyRing.generate();
      LoginStore sealed = scratch.open(clock, ring).logins();
      LoginStore raw = scratch.unsealed(clock).logins();
      Key a = newKey("GitHubAuth");
      Key b = newKey("GitHubAuth");
      sealed.put(sample(a));
      sealed.put(sample(b));
      AuthRecord rawA = raw.get(a).orElseThrow();
      AuthRecord rawB = raw.get(b).orElseThrow();
      raw.put(rawB.withTokens(rawA.token(), null, null));

      assertThatThrownBy(() -> sealed.get(b))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("key " + ring.primaryId());
      assertThat(sealed.get(a)).isPresent();
    }
  }

  @Test
  void pagesVisitEveryLoginOnce() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      LoginStore sealed = scratch.open(clock, KeyRing.generate()).logins();
      java.util.Map<Key, AuthRecord> stored = new java.util.HashMap<>();
      for (int i = 0; i < 7; i++) {
        AuthRecord r = sealed.put(sample(newKey(i % 2 == 0 ? "GitHubAuth" : "GoogleUser")));
        stored.put(r.key(), r);
      }
      List<AuthRecord> seen = new java.util.ArrayList<>();
      Key after = null;
      for (List<AuthRecord> page = sealed.page(null, 3); ; page = sealed.page(after, 3)) {
        assertThat(page.size()).isLessThanOrEqualTo(3);
        seen.addAll(page);
        if (page.size() < 3) {
          break;
        }
        after = page.get(page.size() - 1).key();
      }
      assertThat(seen).containsExactlyInAnyOrderElementsOf(stored.values());
    }
  }

  /** The id of the key a stored value is sealed under, or 0 for a value stored as it is. */
  private static int keyOf(String stored) {
    return KeyRing.isSealed(stored) ? KeyRing.keyIdOf(stored) : 0;
  }

  private static int tokenKey(AuthRecord raw) {
    return keyOf(((AccessToken.Bearer) raw.token()).value());
  }

  @Test
  void rotatedTwiceEveryAgeReadsAndResealMovesAllToTheNewestKey() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      LoginStore raw = scratch.unsealed(clock).logins();
      // Age 0: stored before sealing began.
      AuthRecord age0 =
          raw.put(withSecrets(newKey("GitHubAuth"), "age0", new java.util.ArrayList<>()));
      KeyRing ring1 = KeyRing.generate();
      AuthStore one = scratch.open(clock, ring1);
      AuthRecord age1 =
          one.logins().put(withSecrets(newKey("GitHubAuth"), "age1", new java.util.ArrayList<>()));
      AppRegistration app =
          one.registrations()
              .putIfAbsent(
                  new AppRegistration(
                      "mastodon",
                      "https://" + Secrets.random(6).toLowerCase() + ".example/",
                      "client-" + Secrets.random(6),
                      "client-secret-" + Secrets.random(12),
                      "{\"vapid_key\":\"v-" + Secrets.random(8) + "\"}",
                      null));
      KeyRing ring2 = ring1.rotated();
      AuthStore two = scratch.open(clock, ring2);
      AuthRecord age2 =
          two.logins().put(withSecrets(newKey("GitHubAuth"), "age2", new java.util.ArrayList<>()));
      KeyRing ring3 = ring2.rotated();
      AuthStore three = scratch.open(clock, ring3);
      AuthRecord age3 =
          three
              .logins()
              .put(withSecrets(newKey("GitHubAuth"), "age3", new java.util.ArrayList<>()));

      List<AuthRecord> all = List.of(age0, age1, age2, age3);
      for (AuthRecord r : all) {
        assertThat(three.logins().get(r.key())).contains(r);
      }
      assertThat(three.registrations().get(app.site(), app.instance())).contains(app);
      assertThat(all.stream().map(r -> tokenKey(raw.get(r.key()).orElseThrow())))
          .containsExactly(0, ring1.primaryId(), ring2.primaryId(), ring3.primaryId());

      ResealReport report = three.reseal();
      assertThat(report.resealed()).isEqualTo(4); // age0, age1, age2 and the registration
      assertThat(report.current()).isEqualTo(1); // age3
      assertThat(report.unreadable()).isEmpty();
      assertThat(report.retired()).containsExactlyInAnyOrder(ring1.primaryId(), ring2.primaryId());
      for (AuthRecord r : all) {
        AuthRecord stored = raw.get(r.key()).orElseThrow();
        assertThat(tokenKey(stored)).isEqualTo(ring3.primaryId());
        assertThat(keyOf(stored.refreshToken())).isEqualTo(ring3.primaryId());
        assertThat(keyOf(Json.parse(stored.extraJson()).path("id_token").asText()))
            .isEqualTo(ring3.primaryId());
      }
      assertThat(
              keyOf(
                  scratch
                      .unsealed(clock)
                      .registrations()
                      .get(app.site(), app.instance())
                      .orElseThrow()
                      .clientSecret()))
          .isEqualTo(ring3.primaryId());

      // The old keys go; everything still reads, and the start-up check passes.
      KeyRing newest = ring3.without(ring1.primaryId()).without(ring2.primaryId());
      AuthStore after = scratch.open(clock, newest);
      after.checkKeys();
      for (AuthRecord r : all) {
        AuthRecord read = after.logins().get(r.key()).orElseThrow();
        assertThat(read.token()).isEqualTo(r.token());
        assertThat(read.refreshToken()).isEqualTo(r.refreshToken());
        assertJsonEquals(read.extraJson(), r.extraJson());
      }
      assertThat(after.registrations().get(app.site(), app.instance()).orElseThrow().clientSecret())
          .isEqualTo(app.clientSecret());
      ResealReport again = after.reseal();
      assertThat(again.resealed()).isZero();
      assertThat(again.current()).isEqualTo(5);
    }
  }

  @Test
  void aResealRacingRefreshesLosesNoneOfTheirTokens() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      KeyRing ring1 = KeyRing.generate();
      LoginStore one = scratch.open(clock, ring1).logins();
      List<AuthRecord> spent = new java.util.ArrayList<>();
      for (int i = 0; i < 25 * RACERS; i++) {
        spent.add(
            one.put(refreshable(newKey("GitHubAuth"), new AccessToken.Bearer("old-" + i), "r")));
      }
      KeyRing ring2 = ring1.rotated();
      AuthStore two = scratch.open(clock, ring2);
      two.checkKeys();
      // Racer 0 re-seals every login while the others refresh theirs.
      List<Object> results =
          race(
              i -> i,
              i -> {
                if (i == 0) {
                  return two.reseal();
                }
                for (int n = i - 1; n < spent.size(); n += RACERS - 1) {
                  AuthRecord s = spent.get(n);
                  AuthRecord fresh = s.withTokens(new AccessToken.Bearer("new-" + n), "r2", null);
                  assertThat(two.logins().putIfTokensUnchanged(s, fresh)).isPresent();
                }
                return null;
              });
      ResealReport report = (ResealReport) results.get(0);
      assertThat(report.resealed() + report.current()).isEqualTo(spent.size());
      LoginStore raw = scratch.unsealed(clock).logins();
      for (int n = 0; n < spent.size(); n++) {
        Key key = spent.get(n).key();
        assertThat(two.logins().get(key).orElseThrow().token())
            .isEqualTo(new AccessToken.Bearer("new-" + n));
        assertThat(tokenKey(raw.get(key).orElseThrow())).isEqualTo(ring2.primaryId());
      }
    }
  }

  /** A ring with one key under {@code id} that is not the key the store sealed with. */
  private static KeyRing anotherKeyUnder(int id) {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return KeyRing.parse(id + ":" + java.util.Base64.getEncoder().encodeToString(key));
  }

  @Test
  void aRingWithoutAKeyThatSealedFailsAtStartAndOnRequestsNamingIt() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      KeyRing ring1 = KeyRing.generate();
      AuthRecord old = scratch.open(clock, ring1).logins().put(sample(newKey("GitHubAuth")));
      KeyRing ring2 = ring1.rotated();
      AuthRecord newer = scratch.open(clock, ring2).logins().put(sample(newKey("GitHubAuth")));
      LoginStore raw = scratch.unsealed(clock).logins();
      AuthRecord oldRow = raw.get(old.key()).orElseThrow();

      AuthStore lacking = scratch.open(clock, ring2.without(ring1.primaryId()));
      String id = "key " + ring1.primaryId();
      assertThatThrownBy(lacking::checkKeys)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id)
          .hasMessageContaining("OAUTH_DROPINS_KEYS");
      assertThatThrownBy(() -> lacking.logins().get(newer.key()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id);
      assertThatThrownBy(() -> lacking.logins().put(sample(old.key())))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id);

      // A re-seal seals what it can open and counts, and leaves, what it cannot.
      ResealReport report = lacking.reseal();
      assertThat(report.unreadable()).containsExactly(java.util.Map.entry(ring1.primaryId(), 1L));
      assertThat(report.current()).isEqualTo(1);
      assertThat(raw.get(old.key())).contains(oldRow);
      // The check still names the missing key: rows need it.
      assertThatThrownBy(lacking::checkKeys).hasMessageContaining(id);
      // Once those rows are gone, a re-seal forgets the key and the ring passes.
      raw.delete(old.key());
      assertThat(lacking.reseal().unreadable()).isEmpty();
      lacking.checkKeys();
      assertThat(lacking.logins().get(newer.key())).contains(newer);
    }
  }

  @Test
  void aRingWithAnotherKeyUnderAUsedIdFailsAtStartAndOnRequestsNamingIt() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      KeyRing ring = KeyRing.generate();
      AuthRecord stored = scratch.open(clock, ring).logins().put(sample(newKey("GitHubAuth")));
      AuthStore wrong = scratch.open(clock, anotherKeyUnder(ring.primaryId()));
      String id = "key " + ring.primaryId();
      assertThatThrownBy(wrong::checkKeys)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id + " is not the key");
      assertThatThrownBy(() -> wrong.logins().get(stored.key()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id);
      // Nor does a re-seal write with it.
      assertThatThrownBy(wrong::reseal).hasMessageContaining(id);
      assertThat(scratch.open(clock, ring).logins().get(stored.key())).contains(stored);
    }
  }

  /**
   * With the key check's record gone (a store that began before it, a record deleted by hand), the
   * check cannot tell; the rows themselves still refuse a ring that does not open them, and no
   * write of the library's goes over them.
   */
  @Test
  void aRowTheRingCannotOpenIsNeverWrittenOver() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      KeyRing ring = KeyRing.generate();
      AuthStore right = scratch.open(clock, ring);
      AuthRecord stored = right.logins().put(sample(newKey("GitHubAuth")));
      AuthStore raw = scratch.unsealed(clock);
      AuthRecord before = raw.logins().get(stored.key()).orElseThrow();
      assertThat(raw.registrations().delete("oauth-dropins", "key-ring")).isTrue();

      AuthStore wrong = scratch.open(clock, anotherKeyUnder(ring.primaryId()));
      String id = "key " + ring.primaryId();
      clock.advance(Duration.ofMinutes(1));
      assertThatThrownBy(() -> wrong.logins().get(stored.key()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id);
      // A later login of the same user.
      assertThatThrownBy(() -> wrong.logins().put(sample(stored.key())))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id);
      // A refresh's write-back.
      AuthRecord fresh = stored.withTokens(new AccessToken.Bearer("new"), "r", null);
      assertThatThrownBy(() -> wrong.logins().putIfTokensUnchanged(stored, fresh))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id);
      // A re-seal.
      ResealReport report = wrong.reseal();
      assertThat(report.unreadable()).containsExactly(java.util.Map.entry(ring.primaryId(), 1L));
      assertThat(report.resealed()).isZero();

      assertThat(raw.logins().get(stored.key())).contains(before);
      assertThat(raw.logins().page(null, 10)).containsExactly(before);
    }
  }

  /**
   * As above, for a callback's write, which a store may check inside its own transaction instead of
   * the decorator's read before it: the row stays, and the callback's state is not spent.
   */
  @Test
  void aCallbackDoesNotWriteOverARowTheRingCannotOpenNorSpendItsState() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      KeyRing ring = KeyRing.generate();
      AuthRecord stored = scratch.open(clock, ring).logins().put(sample(newKey("GitHubAuth")));
      AuthStore raw = scratch.unsealed(clock);
      AuthRecord before = raw.logins().get(stored.key()).orElseThrow();
      assertThat(raw.registrations().delete("oauth-dropins", "key-ring")).isTrue();

      AuthStore wrong = scratch.open(clock, anotherKeyUnder(ring.primaryId()));
      clock.advance(Duration.ofMinutes(1));
      String state = Secrets.random(32);
      Instant until = clock.instant().plus(Duration.ofMinutes(10));
      assertThatThrownBy(() -> wrong.logins().putSpendingState(sample(stored.key()), state, until))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("key " + ring.primaryId());

      assertThat(raw.logins().get(stored.key())).contains(before);
      assertThat(raw.logins().spendState(state, until)).isTrue();
    }
  }

  // ---- the store is down

  @Test
  @SuppressWarnings("try") // closing an outage may be interrupted; the test declares Exception
  void aStoreThatIsDownFailsClearlyAndWritesNothing() throws Exception {
    try (Outage outage = outageOrSkip()) {
      LoginStore s = outage.store().logins();
      Key kept = newKey("GitHubAuth");
      AuthRecord before = s.put(sample(kept));
      outage.down();
      Key fresh = newKey("GitHubAuth");
      AuthRecord refreshed = before.withTokens(new AccessToken.Bearer("new"), "r", null);
      List<Runnable> calls =
          List.of(
              () -> s.get(kept),
              () -> s.put(sample(fresh)),
              () -> s.put(sample(kept)),
              () -> s.delete(kept),
              () -> s.putIfTokensUnchanged(before, refreshed));
      for (Runnable call : calls) {
        failsClearly(call, before.token().toString());
      }
      // What was there before the outage is still there, whole, on the live backend.
      assertThat(logins.get(kept)).contains(before);
      assertThat(logins.get(fresh)).isEmpty();
    }
  }
}
