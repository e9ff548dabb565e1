package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.MutableClock;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.ForwardingStore;

/**
 * The refresh write-back path by path, on the memory store and on H2: each test puts the store in
 * one of the states another server can leave it in (already refreshed, deleted, holding the lease,
 * racing the write) and checks both the outcome and what the refresh did to get there (calls to the
 * site, leases taken, reads), so that a shortcut that happens to end in the same tokens still
 * fails. Another server is played by writing to the store directly at the right moment.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AuthEntityRefreshTest {

  private static final Key KEY = new Key("GitHubAuth", "1");
  private static final Duration HOUR = Duration.ofHours(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
  private final StubSite site = new StubSite();
  private AuthStore backing;
  private Watched store;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** A stored login whose access token expired a second ago. */
  private AuthEntity login(String storeKind) {
    if (storeKind.equals("memory")) {
      backing = new MemoryStore(clock);
    } else {
      JdbcStore h2 =
          JdbcStore.h2("jdbc:h2:mem:refresh-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      open.add(h2);
      backing = h2.withClock(clock);
    }
    store = new Watched(backing);
    AuthRecord stored =
        backing.put(
            AuthRecord.of(
                KEY, "stub", bearer("old"), "r-old", clock.instant().minusSeconds(1), null, null));
    return entity(stored);
  }

  private AuthEntity entity(AuthRecord r) {
    return new AuthEntity(site, r, store, site::answer, clock) {};
  }

  private static AccessToken bearer(String token) {
    return new AccessToken.Bearer(token);
  }

  /** Another server's refresh, written straight to the store. */
  private AuthRecord theirs() {
    AuthRecord current = backing.get(KEY).orElseThrow();
    return backing.put(
        current.withTokens(bearer("theirs"), "r-theirs", clock.instant().plus(HOUR)));
  }

  private String stored() {
    return backing.get(KEY).map(r -> ((AccessToken.Bearer) r.token()).value()).orElse("deleted");
  }

  private static String token(AuthEntity e) {
    return ((AccessToken.Bearer) e.accessToken()).value();
  }

  /** An API call with the expired login, which refreshes first; the API echoes the token. */
  private static String sent(AuthEntity e) {
    return e.send(HttpCall.get(URI.create("https://api.example/me"))).text();
  }

  private boolean leaseIsFree() {
    return backing.leaseRefresh(KEY, "someone-else", RefreshCoordinator.LEASE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void aRefreshWritesTheNewTokensOnceAndReleasesTheLease(String storeKind) {
    AuthEntity e = login(storeKind);
    assertThat(sent(e)).isEqualTo("sent with new-1");
    assertThat(site.refreshes).hasValue(1);
    assertThat(token(e)).isEqualTo("new-1");
    assertThat(e.refreshToken()).isEqualTo("r-new-1");
    assertThat(stored()).isEqualTo("new-1");
    assertThat(e.updated()).isEqualTo(backing.get(KEY).orElseThrow().updated()).isNotNull();
    assertThat(store.releases).hasValue(1);
    assertThat(leaseIsFree()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void anotherServerAlreadyRefreshedSoItsTokensAreUsedWithoutACallOrALease(String storeKind) {
    AuthEntity e = login(storeKind);
    theirs();
    assertThat(sent(e)).isEqualTo("sent with theirs");
    assertThat(token(e)).isEqualTo("theirs");
    assertThat(site.refreshes).hasValue(0);
    assertThat(store.leases).hasValue(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void aLoginDeletedMeanwhileIsNeitherRefreshedNorBroughtBack(String storeKind) {
    AuthEntity e = login(storeKind);
    backing.delete(KEY);
    assertThat(e.refresh()).isFalse();
    assertThat(sent(e)).as("the old token, refused by a real API").isEqualTo("sent with old");
    assertThat(site.refreshes).hasValue(0);
    assertThat(store.leases).hasValue(0);
    assertThat(stored()).isEqualTo("deleted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void aLeaseHeldElsewhereIsWaitedForAndTakenOverWhenItLapses(String storeKind) {
    AuthEntity e = login(storeKind);
    backing.leaseRefresh(KEY, "dead-server", RefreshCoordinator.LEASE);
    store.onLeaseRefused = () -> clock.advance(RefreshCoordinator.LEASE.plusMillis(1));
    assertThat(e.refresh()).isTrue();
    assertThat(store.leases).hasValue(2);
    assertThat(site.refreshes).hasValue(1);
    assertThat(stored()).isEqualTo("new-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void aWaitingServerTakesTheTokensTheLeaseHolderWrote(String storeKind) {
    AuthEntity e = login(storeKind);
    backing.leaseRefresh(KEY, "busy-server", RefreshCoordinator.LEASE);
    store.onLeaseRefused = this::theirs;
    assertThat(e.refresh()).isTrue();
    assertThat(token(e)).isEqualTo("theirs");
    assertThat(store.leases).hasValue(1);
    assertThat(site.refreshes).hasValue(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void aWaitingServerGivesUpWithA503WhenTheHolderTakesTooLong(String storeKind) {
    AuthEntity e = login(storeKind);
    backing.leaseRefresh(KEY, "slow-server", RefreshCoordinator.WAIT.multipliedBy(2));
    store.onLeaseRefused = () -> clock.advance(RefreshCoordinator.WAIT);
    assertThatThrownBy(e::refresh)
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("another server is still refreshing");
    assertThat(store.leases).hasValue(1);
    assertThat(site.refreshes).hasValue(0);
    assertThat(stored()).isEqualTo("old");
  }

  @Test
  void aWaitingServerPausesBetweenPollsAndDoublesThePause() {
    AuthEntity e = login("memory");
    backing.leaseRefresh(KEY, "busy-server", RefreshCoordinator.LEASE);
    List<Long> polls = new CopyOnWriteArrayList<>();
    store.onLeaseRefused =
        () -> {
          polls.add(System.nanoTime());
          if (polls.size() == 4) {
            backing.releaseRefresh(KEY, "busy-server");
          }
        };
    assertThat(e.refresh()).isTrue();
    assertThat(polls).hasSize(4);
    for (int i = 1; i < 4; i++) {
      long gapMillis = TimeUnit.NANOSECONDS.toMillis(polls.get(i) - polls.get(i - 1));
      assertThat(gapMillis).as("pause %d", i).isGreaterThanOrEqualTo(10L << (i - 1));
    }
  }

  @Test
  void anInterruptedWaitEndsWithA503AndKeepsTheInterrupt() {
    AuthEntity e = login("memory");
    backing.leaseRefresh(KEY, "busy-server", RefreshCoordinator.LEASE);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(e::refresh)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("interrupted");
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void aLoginDeletedJustBeforeTheLeaseIsTakenIsNotRefreshed(String storeKind) {
    AuthEntity e = login(storeKind);
    store.beforeLease = () -> backing.delete(KEY);
    assertThat(e.refresh()).isFalse();
    assertThat(site.refreshes).hasValue(0);
    assertThat(token(e)).isEqualTo("old");
    assertThat(stored()).isEqualTo("deleted");
    assertThat(leaseIsFree()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void tokensWrittenJustBeforeTheLeaseIsTakenAreUsedWithoutACall(String storeKind) {
    AuthEntity e = login(storeKind);
    store.beforeLease = this::theirs;
    assertThat(sent(e)).isEqualTo("sent with theirs");
    assertThat(token(e)).isEqualTo("theirs");
    assertThat(site.refreshes).hasValue(0);
    assertThat(leaseIsFree()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void aWriteThatLosesToAConcurrentRefreshKeepsTheStoredTokens(String storeKind) {
    AuthEntity e = login(storeKind);
    store.beforeWrite = this::theirs;
    assertThat(sent(e)).isEqualTo("sent with theirs");
    assertThat(site.refreshes).hasValue(1);
    assertThat(token(e)).isEqualTo("theirs");
    assertThat(stored()).isEqualTo("theirs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void aWriteThatLosesToALogoutKeepsTheFreshTokensInMemoryOnly(String storeKind) {
    AuthEntity e = login(storeKind);
    store.beforeWrite = () -> backing.delete(KEY);
    assertThat(sent(e)).isEqualTo("sent with new-1");
    assertThat(token(e)).isEqualTo("new-1");
    assertThat(stored()).isEqualTo("deleted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void aFailedRefreshReleasesTheLeaseAndReachesTheCaller(String storeKind) {
    AuthEntity e = login(storeKind);
    site.refresher =
        r -> {
          throw new ProviderException("stub refused the refresh token");
        };
    assertThatThrownBy(e::refresh)
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("refused");
    assertThat(store.releases).hasValue(1);
    assertThat(leaseIsFree()).isTrue();
    assertThat(stored()).isEqualTo("old");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void aSiteThatCannotRefreshLeavesTheLoginAsItWas(String storeKind) {
    AuthEntity e = login(storeKind);
    site.refresher = r -> Optional.empty();
    assertThat(e.refresh()).isFalse();
    assertThat(token(e)).isEqualTo("old");
    assertThat(stored()).isEqualTo("old");
    assertThat(leaseIsFree()).isTrue();
  }

  @Test
  void aCallerOfTheSameEntityWaitsForTheRefreshInProgressAndUsesItWithoutReadingTheStore()
      throws Exception {
    AuthEntity e = login("memory");
    CountDownLatch inRefresh = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Function<AuthRecord, Optional<AuthRecord>> normal = site.refresher;
    site.refresher =
        r -> {
          inRefresh.countDown();
          await(finish);
          return normal.apply(r);
        };
    Thread first = new Thread(e::refresh);
    first.start();
    inRefresh.await();
    String[] second = new String[1];
    Thread caller = new Thread(() -> second[0] = sent(e));
    caller.start();
    while (caller.getState() != Thread.State.BLOCKED) {
      Thread.sleep(1);
    }
    int readsBefore = store.gets.get();
    finish.countDown();
    first.join();
    caller.join();
    assertThat(site.refreshes).hasValue(1);
    assertThat(store.gets).as("the waiting caller reads no store").hasValue(readsBefore);
    assertThat(second[0]).isEqualTo("sent with new-1");
  }

  @Test
  void aProfileFieldIsNotReadWhenTheSiteNamesNone() {
    AuthRecord r = AuthRecord.of(KEY, "stub", bearer("t"), null, null, "not json", null);
    AuthEntity e = new AuthEntity(site, r, new MemoryStore(), site::answer, clock) {};
    assertThat(e.userName()).isNull();
    assertThat(e.imageUrl()).isNull();
    assertThat(e.toString()).contains(KEY.toString()).doesNotContain("t\"");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException x) {
      throw new IllegalStateException(x);
    }
  }

  /** A store that counts the refresh calls and lets a test act as another server in between. */
  private static final class Watched extends ForwardingStore {
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger leases = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();
    volatile Runnable beforeLease = () -> {};
    volatile Runnable onLeaseRefused = () -> {};
    volatile Runnable beforeWrite = () -> {};

    Watched(AuthStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<AuthRecord> get(Key key) {
      gets.incrementAndGet();
      return super.get(key);
    }

    @Override
    public boolean leaseRefresh(Key key, String holder, Duration ttl) {
      leases.incrementAndGet();
      beforeLease.run();
      boolean taken = super.leaseRefresh(key, holder, ttl);
      if (!taken) {
        onLeaseRefused.run();
      }
      return taken;
    }

    @Override
    public void releaseRefresh(Key key, String holder) {
      releases.incrementAndGet();
      super.releaseRefresh(key, holder);
    }

    @Override
    public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
      beforeWrite.run();
      return super.putIfTokensUnchanged(spent, fresh);
    }
  }

  /** A site that refreshes by numbering new tokens, and an API that echoes the token it got. */
  private final class StubSite implements TestSite {
    final AtomicInteger refreshes = new AtomicInteger();
    volatile Function<AuthRecord, Optional<AuthRecord>> refresher =
        r -> {
          int n = refreshes.get();
          return Optional.of(
              r.withTokens(bearer("new-" + n), "r-new-" + n, clock.instant().plus(HOUR)));
        };

    @Override
    public Optional<AuthRecord> refresh(AuthRecord record, AuthStore s) {
      refreshes.incrementAndGet();
      return refresher.apply(record);
    }

    HttpResult answer(HttpCall call) {
      return new HttpResult(
          200,
          call.uri(),
          java.util.Map.of(),
          ("sent with " + call.firstHeader("authorization")).getBytes());
    }

    @Override
    public HttpCall sign(HttpCall call, AuthRecord record) {
      return call.header("authorization", ((AccessToken.Bearer) record.token()).value());
    }

    @Override
    public String kind() {
      return "GitHubAuth";
    }

    @Override
    public AuthEntity entity(AuthRecord record, AuthStore s) {
      return AuthEntityRefreshTest.this.entity(record);
    }
  }
}
