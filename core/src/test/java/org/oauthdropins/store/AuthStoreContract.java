package org.oauthdropins.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.oauthdropins.AccessToken;
import org.oauthdropins.Key;
import org.oauthdropins.StoreUnavailableException;
import org.oauthdropins.internal.Secrets;

/**
 * What every {@link AuthStore} promises, run against each implementation by a subclass. Stores
 * share one backend per test class (a database or emulator is started once), so every test uses
 * fresh random keys instead of an empty store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AuthStoreContract {

  /** Threads in the races; enough to collide on two cores, few enough to stay quick. */
  protected static final int RACERS = 8;

  protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final ExecutorService pool = Executors.newFixedThreadPool(RACERS);
  protected AuthStore store;

  /** A store on this class's shared backend that reads the time from {@code clock}. */
  protected abstract AuthStore openStore(Clock clock);

  /**
   * A store that works until its backend is taken down, or null where there is no backend to lose
   * (the in-memory store); the down-store tests are then skipped with a message.
   */
  protected abstract Outage outage() throws Exception;

  @BeforeEach
  void openTheStore() {
    store = openStore(clock);
  }

  @AfterEach
  void closeTheStore() {
    store.close();
  }

  @AfterAll
  void stopThePool() {
    pool.shutdownNow();
  }

  // ---- entities

  protected static Key newKey(String kind) {
    return new Key(kind, "user-" + Secrets.random(6));
  }

  protected static AuthRecord sample(Key key) {
    return AuthRecord.of(
        key,
        "github",
        new AccessToken.Bearer("gho_" + Secrets.random(12)),
        null,
        null,
        "{\"login\":\"" + key.id() + "\",\"name\":\"Mona\"}",
        "{}");
  }

  @Test
  void putGetDelete() {
    Key key = newKey("GitHubAuth");
    assertThat(store.get(key)).isEmpty();

    AuthRecord stored = store.put(sample(key));
    assertThat(stored.created()).isEqualTo(clock.instant());
    assertThat(stored.updated()).isEqualTo(clock.instant());
    assertThat(store.get(key)).contains(stored);

    assertThat(store.delete(key)).isTrue();
    assertThat(store.get(key)).isEmpty();
    assertThat(store.delete(key)).isFalse();
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
      AuthRecord stored = store.put(r);
      assertThat(store.get(r.key())).contains(stored);
      assertThat(stored.token()).isEqualTo(r.token());
      assertThat(stored.refreshToken()).isEqualTo(r.refreshToken());
      assertThat(stored.expiresAt()).isEqualTo(r.expiresAt());
      assertJsonEquals(stored.extraJson(), r.extraJson());
    }
  }

  @Test
  void overwriteKeepsCreatedAndMovesUpdated() {
    Key key = newKey("GitHubAuth");
    AuthRecord first = store.put(sample(key));
    clock.advance(Duration.ofMinutes(5));

    AuthRecord second =
        store.put(
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
    AuthRecord read = store.get(key).orElseThrow();
    assertThat(read).isEqualTo(second);
    assertThat(read.token()).isEqualTo(new AccessToken.OAuth1("key2", "secret2"));
    assertJsonEquals(read.userJson(), "{\"login\":\"renamed\"}");

    // Back to a record without the optional fields: nothing of the old one lingers.
    clock.advance(Duration.ofMinutes(1));
    store.put(sample(key));
    AuthRecord third = store.get(key).orElseThrow();
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
        store.put(
            AuthRecord.of(
                key,
                "github",
                new AccessToken.Bearer("tök€n"),
                null,
                null,
                big.toString(),
                "{\"note\":\"ключ\"}"));
    AuthRecord read = store.get(key).orElseThrow();
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
      store.put(sample(k));
    }
    for (Key k : List.of(dunder, plain, single)) {
      AuthRecord read = store.get(k).orElseThrow();
      assertThat(read.key()).isEqualTo(k);
      assertThat(read.userJson()).contains(k.id());
    }
    assertThat(store.delete(dunder)).isTrue();
    assertThat(store.get(dunder)).isEmpty();
    assertThat(store.get(plain)).isPresent();
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
      List<AuthRecord> written = race(i -> writer(key, i, null), r -> store.put(r));
      AuthRecord last = store.get(key).orElseThrow();
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
    AuthRecord first = store.put(sample(key));
    clock.advance(Duration.ofSeconds(1));
    race(i -> writer(key, i, "refresh-" + i), r -> store.put(r));
    AuthRecord last = store.get(key).orElseThrow();
    String writer = last.userJson().replaceAll("\\D", "");
    assertThat(last.token()).isEqualTo(new AccessToken.Bearer("token-" + writer));
    assertThat(last.refreshToken()).isEqualTo("refresh-" + writer);
    assertThat(last.created()).isEqualTo(first.created());
  }

  // ---- refresh: lease and compare-and-set

  private static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void oneRefreshLeaseAtATimeUntilReleasedOrLapsed() {
    Key key = newKey("GitHubAuth");
    assertThat(store.leaseRefresh(key, "a", LEASE)).isTrue();
    assertThat(store.leaseRefresh(key, "b", LEASE)).as("while a holds it").isFalse();
    assertThat(store.leaseRefresh(key, "a", LEASE)).as("the holder extends it").isTrue();
    assertThat(store.leaseRefresh(newKey("GitHubAuth"), "b", LEASE)).as("another key").isTrue();

    store.releaseRefresh(key, "b");
    assertThat(store.leaseRefresh(key, "b", LEASE)).as("b cannot release a's lease").isFalse();
    store.releaseRefresh(key, "a");
    assertThat(store.leaseRefresh(key, "b", LEASE)).as("after a released it").isTrue();

    clock.advance(LEASE.minusSeconds(1));
    assertThat(store.leaseRefresh(key, "c", LEASE)).as("before it lapses").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.leaseRefresh(key, "c", LEASE)).as("a lapsed lease is taken over").isTrue();
    store.releaseRefresh(key, "b");
    assertThat(store.leaseRefresh(key, "d", LEASE)).as("b's late release ends nothing").isFalse();
    store.releaseRefresh(key, "c");
  }

  @Test
  void racersForOneRefreshLeaseExactlyOneWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      Key key = newKey("GitHubAuth");
      if (round % 2 == 1) {
        // The race to take over a lapsed lease is as tight as the race for a new one.
        assertThat(store.leaseRefresh(key, "gone", LEASE)).isTrue();
        clock.advance(LEASE);
      }
      List<Boolean> won = race(i -> "holder-" + i, h -> store.leaseRefresh(key, h, LEASE));
      assertThat(won.stream().filter(w -> w).count()).as("winners of round %d", round).isEqualTo(1);
    }
  }

  private static AuthRecord refreshable(Key key, AccessToken token, String refresh) {
    return AuthRecord.of(key, "github", token, refresh, null, "{\"login\":\"x\"}", "{}");
  }

  @Test
  void refreshedTokensAreWrittenOnlyOverTheTokensThatWereSpent() {
    Key key = newKey("GitHubAuth");
    AuthRecord spent = store.put(refreshable(key, new AccessToken.Bearer("old"), "r1"));
    clock.advance(Duration.ofMinutes(1));
    AuthRecord fresh =
        spent.withTokens(new AccessToken.Bearer("new"), "r2", clock.instant().plusSeconds(60));

    AuthRecord written = store.putIfTokensUnchanged(spent, fresh).orElseThrow();
    assertThat(written.token()).isEqualTo(fresh.token());
    assertThat(written.refreshToken()).isEqualTo("r2");
    assertThat(written.created()).isEqualTo(spent.created());
    assertThat(written.updated()).isEqualTo(clock.instant());
    assertThat(store.get(key)).contains(written);

    // A second server that spent the same tokens writes nothing over the first one's.
    AuthRecord late = spent.withTokens(new AccessToken.Bearer("late"), "r3", null);
    assertThat(store.putIfTokensUnchanged(spent, late)).isEmpty();
    assertThat(store.get(key)).contains(written);

    // Both tokens are compared: the same access token with another refresh token differs.
    AuthRecord sameAccess = written.withTokens(written.token(), "r-other", null);
    assertThat(store.putIfTokensUnchanged(sameAccess, late)).isEmpty();

    // A deleted login stays deleted.
    store.delete(key);
    assertThat(store.putIfTokensUnchanged(written, late)).isEmpty();
    assertThat(store.get(key)).isEmpty();
  }

  @Test
  void compareAndSetHandlesOAuth1PairsAndMissingRefreshTokens() {
    Key key = newKey("TumblrAuth");
    AuthRecord spent = store.put(refreshable(key, new AccessToken.OAuth1("k", "s"), null));
    AuthRecord otherSecret = refreshable(key, new AccessToken.OAuth1("k", "other"), null);
    AuthRecord renewed = refreshable(key, new AccessToken.OAuth1("k2", "s2"), null);
    assertThat(store.putIfTokensUnchanged(otherSecret, renewed)).isEmpty();
    assertThat(store.putIfTokensUnchanged(spent, renewed)).isPresent();
    assertThat(store.get(key).orElseThrow().token()).isEqualTo(renewed.token());
  }

  @Test
  void racingWriteBacksOfOneSpentTokenExactlyOneWins() throws Exception {
    for (int round = 0; round < 3; round++) {
      Key key = newKey("GitHubAuth");
      AuthRecord spent = store.put(refreshable(key, new AccessToken.Bearer("old"), "r0"));
      List<Optional<AuthRecord>> results =
          race(
              i -> spent.withTokens(new AccessToken.Bearer("token-" + i), "refresh-" + i, null),
              fresh -> store.putIfTokensUnchanged(spent, fresh));
      List<AuthRecord> winners = results.stream().flatMap(Optional::stream).toList();
      assertThat(winners).as("winners of round %d", round).hasSize(1);
      assertThat(store.get(key)).contains(winners.get(0));
    }
  }

  // ---- pending logins

  protected PendingLogin pending(Duration lifetime) {
    return pending("browser-" + Secrets.random(8), lifetime);
  }

  protected PendingLogin pending(String browserHash, Duration lifetime) {
    return new PendingLogin(
        Secrets.random(24),
        "github",
        browserHash,
        "app state ✓",
        "http://127.0.0.1:8080/github/oauth_callback",
        Map.of("code_verifier", Secrets.random(32), "instance", "https://mastodon.example/"),
        clock.instant().plus(lifetime));
  }

  @Test
  void pendingLoginIsTakenOnce() {
    PendingLogin login = pending(Duration.ofMinutes(10));
    store.putPending(login);
    assertThat(store.takePending(login.id())).contains(login);
    assertThat(store.takePending(login.id())).isEmpty();
    assertThat(store.takePending("never-stored-" + Secrets.random(8))).isEmpty();
  }

  @Test
  void pendingLoginWithoutAppState() {
    PendingLogin login =
        new PendingLogin(
            Secrets.random(24),
            "github",
            "b",
            null,
            "http://127.0.0.1/cb",
            Map.of(),
            clock.instant().plusSeconds(60));
    store.putPending(login);
    assertThat(store.takePending(login.id())).contains(login);
  }

  @Test
  void expiredPendingLoginIsRefusedAndGone() {
    PendingLogin login = pending(Duration.ofMinutes(10));
    store.putPending(login);
    clock.advance(Duration.ofMinutes(10));
    assertThat(store.takePending(login.id())).isEmpty();
    // Gone, not just hidden: even with the clock turned back it does not come back.
    clock.advance(Duration.ofMinutes(-10));
    assertThat(store.takePending(login.id())).isEmpty();
  }

  @Test
  void expiredPendingLoginsAreSweptByLaterWrites() {
    PendingLogin old = pending(Duration.ofMinutes(1));
    store.putPending(old);
    clock.advance(Duration.ofMinutes(2));
    for (int i = 0; i < 40; i++) {
      store.putPending(pending(Duration.ofMinutes(10)));
    }
    clock.advance(Duration.ofMinutes(-2));
    assertThat(store.takePending(old.id())).isEmpty();
  }

  @Test
  void aBrowserKeepsOnlyItsNewestPendingLogins() {
    String browser = "browser-" + Secrets.random(8);
    PendingLogin neighbour = pending(Duration.ofMinutes(10));
    store.putPending(neighbour);
    List<PendingLogin> logins = new ArrayList<>();
    int extra = 5;
    for (int i = 0; i < AuthStore.PENDING_PER_BROWSER + extra; i++) {
      clock.advance(Duration.ofSeconds(1));
      PendingLogin login = pending(browser, Duration.ofMinutes(10));
      store.putPending(login);
      logins.add(login);
    }
    for (int i = 0; i < logins.size(); i++) {
      assertThat(store.takePending(logins.get(i).id()))
          .as("login %d of %d", i, logins.size())
          .isEqualTo(i < extra ? Optional.empty() : Optional.of(logins.get(i)));
    }
    assertThat(store.takePending(neighbour.id())).as("another browser's login").isPresent();
  }

  @Test
  void aNewBrowsersFirstLoginIsTakenOnceAndCountsTowardsItsCap() {
    String browser = "browser-" + Secrets.random(8);
    PendingLogin first = pending(browser, Duration.ofMinutes(10));
    store.putPendingOfNewBrowser(first);
    assertThat(store.takePending(first.id())).contains(first);
    assertThat(store.takePending(first.id())).isEmpty();

    PendingLogin oldest = pending(browser, Duration.ofMinutes(10));
    store.putPendingOfNewBrowser(oldest);
    for (int i = 0; i < AuthStore.PENDING_PER_BROWSER; i++) {
      clock.advance(Duration.ofSeconds(1));
      store.putPending(pending(browser, Duration.ofMinutes(10)));
    }
    assertThat(store.takePending(oldest.id())).as("dropped by the browser's cap").isEmpty();
  }

  @Test
  void twoCallbacksRacingForOneStateExactlyOneWins() throws Exception {
    for (int round = 0; round < 10; round++) {
      PendingLogin login = pending(Duration.ofMinutes(10));
      store.putPending(login);
      List<Optional<PendingLogin>> results = race(i -> login.id(), store::takePending);
      assertThat(results.stream().filter(Optional::isPresent).count())
          .as("winners of round %d", round)
          .isEqualTo(1);
      assertThat(results).contains(Optional.of(login));
    }
  }

  // ---- app registrations

  @Test
  void appRegistrationFirstOneWins() {
    String instance = "https://" + Secrets.random(6).toLowerCase() + ".example/";
    assertThat(store.getApp("mastodon", instance)).isEmpty();
    AppRegistration first =
        store.putAppIfAbsent(
            new AppRegistration(
                "mastodon", instance, "id1", "secret1", "{\"client_id\":\"id1\"}", null));
    assertThat(first.created()).isEqualTo(clock.instant());
    AppRegistration second =
        store.putAppIfAbsent(new AppRegistration("mastodon", instance, "id2", "s2", null, null));
    assertThat(second.clientId()).isEqualTo("id1");
    AppRegistration read = store.getApp("mastodon", instance).orElseThrow();
    assertThat(read.clientId()).isEqualTo("id1");
    assertThat(read.clientSecret()).isEqualTo("secret1");
    assertThat(read.created()).isEqualTo(first.created());
    // Another site at the same instance is another registration.
    assertThat(store.getApp("pixelfed", instance)).isEmpty();

    assertThat(store.deleteApp("mastodon", instance)).isTrue();
    assertThat(store.getApp("mastodon", instance)).isEmpty();
    assertThat(store.deleteApp("mastodon", instance)).isFalse();
  }

  @Test
  void concurrentAppRegistrationsAgreeOnOne() throws Exception {
    String instance = "https://" + Secrets.random(6).toLowerCase() + ".example/";
    List<AppRegistration> results =
        race(
            i -> new AppRegistration("mastodon", instance, "id" + i, "secret" + i, null, null),
            store::putAppIfAbsent);
    Set<String> ids = new HashSet<>();
    results.forEach(r -> ids.add(r.clientId()));
    assertThat(ids).hasSize(1);
    assertThat(store.getApp("mastodon", instance).orElseThrow().clientId()).isIn(ids);
  }

  @Test
  void replaceAppIsACompareAndSetOnTheClientId() {
    String instance = "https://" + Secrets.random(6).toLowerCase() + ".example";
    assertThat(
            store.replaceApp(
                "id1", new AppRegistration("mastodon", instance, "id2", "s2", null, null)))
        .as("nothing to replace")
        .isEmpty();
    assertThat(store.getApp("mastodon", instance)).isEmpty();
    AppRegistration first =
        store.putAppIfAbsent(new AppRegistration("mastodon", instance, "id1", "s1", null, null));

    clock.advance(Duration.ofMinutes(5));
    AppRegistration second =
        store
            .replaceApp("id1", new AppRegistration("mastodon", instance, "id2", "s2", "{}", null))
            .orElseThrow();
    assertThat(second.clientId()).isEqualTo("id2");
    assertThat(second.clientSecret()).isEqualTo("s2");
    assertThat(second.created()).isEqualTo(clock.instant()).isAfter(first.created());
    // A writer that still expects id1 lost the race and changes nothing.
    AppRegistration stale =
        store
            .replaceApp("id1", new AppRegistration("mastodon", instance, "id3", "s3", null, null))
            .orElseThrow();
    assertThat(stale.clientId()).isEqualTo("id2");
    assertThat(store.getApp("mastodon", instance).orElseThrow().clientId()).isEqualTo("id2");

    // The same client id with a later expiry and its own created time: a touch.
    Instant later = clock.instant().plus(Duration.ofDays(90));
    AppRegistration touched = store.replaceApp("id2", second.withExpiresAt(later)).orElseThrow();
    assertThat(touched.expiresAt()).isEqualTo(later);
    assertThat(touched.created()).isEqualTo(second.created());
    assertThat(store.getApp("mastodon", instance)).contains(touched);
  }

  @Test
  void concurrentReplacementsOfOneRegistrationAgreeOnOne() throws Exception {
    String instance = "https://" + Secrets.random(6).toLowerCase() + ".example";
    store.putAppIfAbsent(new AppRegistration("mastodon", instance, "gone", "s", null, null));
    List<Optional<AppRegistration>> results =
        race(
            i -> new AppRegistration("mastodon", instance, "id" + i, "secret" + i, null, null),
            r -> store.replaceApp("gone", r));
    Set<String> ids = new HashSet<>();
    results.forEach(r -> ids.add(r.orElseThrow().clientId()));
    assertThat(ids).hasSize(1);
    assertThat(store.getApp("mastodon", instance).orElseThrow().clientId()).isIn(ids);
  }

  @Test
  void anExpiredRegistrationIsAbsentAndSweptWhenAnotherIsStored() {
    String old = "https://" + Secrets.random(6).toLowerCase() + ".example";
    String fresh = "https://" + Secrets.random(6).toLowerCase() + ".example";
    String kept = "https://" + Secrets.random(6).toLowerCase() + ".example";
    Instant expiry = clock.instant().plus(Duration.ofDays(1));
    AppRegistration stored =
        store.putAppIfAbsent(new AppRegistration("mastodon", old, "id1", "s1", null, null, expiry));
    assertThat(stored.expiresAt()).isEqualTo(expiry);
    store.putAppIfAbsent(new AppRegistration("pixelfed", kept, "k", "k", null, null));
    assertThat(store.getApp("mastodon", old)).contains(stored);

    clock.advance(Duration.ofDays(1));
    assertThat(store.getApp("mastodon", old)).as("expired").isEmpty();
    // A new registration takes the expired one's place.
    assertThat(
            store
                .putAppIfAbsent(new AppRegistration("mastodon", old, "id2", "s2", null, null))
                .clientId())
        .isEqualTo("id2");
    store.putAppIfAbsent(new AppRegistration("mastodon", fresh, "id3", "s3", null, null));
    assertThat(store.getApp("mastodon", fresh)).isPresent();
    assertThat(store.getApp("pixelfed", kept)).as("no expiry, kept").isPresent();
  }

  @Test
  void librarySecretRegistration() {
    String instance = "logins-cookie-key-" + Secrets.random(4);
    AppRegistration stored =
        store.putAppIfAbsent(
            new AppRegistration("oauth-dropins", instance, "hmac", "k".repeat(43), null, null));
    assertThat(store.getApp("oauth-dropins", instance)).contains(stored);
  }

  // ---- the store is down

  @Test
  void aStoreThatIsDownFailsClearlyAndWritesNothing() throws Exception {
    Outage outage = outage();
    if (outage == null) {
      String why = getClass().getSimpleName() + ": this store has no backend that can go down";
      System.out.println("SKIPPED " + why);
      Assumptions.abort(why);
    }
    try (outage) {
      AuthStore s = outage.store();
      Key kept = newKey("GitHubAuth");
      AuthRecord before = s.put(sample(kept));
      outage.down();
      Key fresh = newKey("GitHubAuth");
      PendingLogin login = pending(Duration.ofMinutes(5));
      List<Runnable> calls =
          List.of(
              () -> s.get(kept),
              () -> s.put(sample(fresh)),
              () -> s.put(sample(kept)),
              () -> s.delete(kept),
              () -> s.putPending(login),
              () -> s.takePending(login.id()),
              () -> s.getApp("mastodon", "https://down.example/"),
              () ->
                  s.putAppIfAbsent(
                      new AppRegistration(
                          "mastodon", "https://down.example/", "i", "s", null, null)),
              () ->
                  s.replaceApp(
                      "i",
                      new AppRegistration(
                          "mastodon", "https://down.example/", "j", "s", null, null)),
              () -> s.deleteApp("mastodon", "https://down.example/"));
      for (Runnable call : calls) {
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                assertThatThrownBy(call::run)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining(before.token().toString())
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank())
                    .satisfies(AuthStoreContract::saysNothingOfTheBackend));
      }
      // What was there before the outage is still there, whole, on the live backend.
      assertThat(store.get(kept)).contains(before);
      assertThat(store.get(fresh)).isEmpty();
    }
  }

  // ---- helpers

  /**
   * The message of a store failure is shown in the 503 page, so it carries none of the backend's
   * own text (hosts, users, statements, values): that stays with the cause, for the log.
   */
  static void saysNothingOfTheBackend(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      String text = cause.getMessage();
      if (text != null && !text.isBlank()) {
        assertThat(e.getMessage()).as("the failure's message").doesNotContain(text.strip());
      }
    }
    assertThat(e.getMessage()).doesNotContain("Exception", "SQL", "127.0.0.1", "localhost");
  }

  /** Runs {@code RACERS} calls at once, released together; returns their results in order. */
  protected <I, O> List<O> race(Function<Integer, I> input, Function<I, O> call) throws Exception {
    CountDownLatch ready = new CountDownLatch(RACERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<O>> futures = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      I in = input.apply(i);
      Callable<O> task =
          () -> {
            ready.countDown();
            go.await();
            return call.apply(in);
          };
      futures.add(pool.submit(task));
    }
    ready.await(10, TimeUnit.SECONDS);
    go.countDown();
    List<O> out = new ArrayList<>();
    for (Future<O> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  protected static void assertJsonEquals(String actual, String expected) {
    assertThat(org.oauthdropins.internal.http.Json.parse(actual))
        .isEqualTo(org.oauthdropins.internal.http.Json.parse(expected));
  }
}
