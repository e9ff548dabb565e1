package org.oauthdropins.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.internal.secrets.Secrets;

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
