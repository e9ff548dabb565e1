package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.OutboundProxy;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.sites.twitterv2.TwitterV2;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.MutableClock;
import org.oauthdropins.store.TcpProxy;
import org.oauthdropins.store.TestPostgres;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeResponse;
import org.oauthdropins.testkit.FakeTwitterV2;
import org.oauthdropins.testkit.ForwardingStore;
import org.oauthdropins.testkit.TestApp;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the soak's kill fault found (issue 23; {@code benchmarks/repro-refresh-kill.sh}): a server
 * of a fleet takes a login's refresh lease, sends the refresh token to the provider, which rotates
 * it, and dies before it stores the new tokens. Another server asked to refresh that login must
 * neither wait for the dead holder longer than a refresh can take, nor spend the old refresh token
 * again: the fake X here, as real providers do (RFC 9700 §4.14.2), revokes the whole grant when a
 * rotated refresh token comes back. Two coordinators on one store (one memory store, or two
 * connections to one H2 or PostgreSQL database); the Datastore store holds the same rule in the
 * leases contract. Time on the waiting server passes on a clock the test moves, never on the wall.
 *
 * <p>A holder that lives on is as good as dead for a refresh whose outcome it could not store: the
 * provider rotated, then the store failed the write (down for a moment), or the provider's answer
 * never came (the time budget ran out, the connection dropped after the request went out). The next
 * refresh, on any server, must not spend the old refresh token either.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RefreshAfterAHolderDiedTest {

  /** The most a waiter may wait: one refresh's fetches, which end within the transport's budget. */
  private static final Duration BOUND = Limits.DEFAULT.requestBudget().plusSeconds(5);

  private final MutableClock clock = new MutableClock(Instant.now());
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** Two servers' connections to one store, on the test's clock. */
  private List<AuthStore> fleet(String kind) throws SQLException {
    if (kind.equals("memory")) {
      AuthStore one = new MemoryStore(clock);
      return List.of(one, one);
    }
    String url = "jdbc:h2:mem:died-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    DataSource postgres = kind.equals("postgres") ? TestPostgres.newDatabase() : null;
    KeyRing ring = KeyRing.generate();
    List<AuthStore> servers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JdbcStore server = postgres == null ? JdbcStore.h2(url) : new JdbcStore(postgres, ring);
      open.add(server);
      servers.add(server.withClock(clock));
    }
    return servers;
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2", "postgres"})
  void aServerThatDiedAfterSpendingTheRefreshTokenCostsNoLongWaitAndNoRevokedGrant(String kind)
      throws Exception {
    List<AuthStore> servers = fleet(kind);
    try (FakeTwitterV2 fake = new FakeTwitterV2();
        TestApp app = new TestApp(servers.get(0))) {
      Key key = expiredLogin(fake, app, servers.get(0));
      AuthRecord old = servers.get(0).get(key).orElseThrow();

      // Server 1 takes the lease, the provider takes (and rotates) the refresh token, and the
      // server is killed before it writes the new tokens or releases the lease.
      Dying dying = new Dying(servers.get(1));
      Throwable death = catchThrowable(() -> entity(fake, dying, old).refresh());
      assertThat(death).isSameAs(Dying.KILLED);
      assertThat(fake.oauth().refreshCount()).as("the dead server's refresh").isEqualTo(1);

      // Server 0 is asked to refresh the same login; while it waits, its clock moves on.
      Waiting waiting = new Waiting(servers.get(0), clock);
      Instant asked = clock.instant();
      Throwable answer = catchThrowable(() -> entity(fake, waiting, old).refresh());
      Duration waited = Duration.between(asked, clock.instant());

      assertThat(waited).as("how long server 0 waited for the dead holder").isLessThan(BOUND);
      assertThat(fake.oauth().revokedGrantCount()).as("grants revoked for reuse").isZero();
      assertThat(fake.oauth().refreshCount()).as("the refresh token spent once").isEqualTo(1);
      assertThat(answer).isInstanceOf(ProviderException.class).hasMessageContaining("log in again");
      assertThat(((ProviderException) answer).error().map(e -> e.code()))
          .as("what an app already handles as a refresh token the provider refused")
          .contains("invalid_grant");
      AuthRecord stored = servers.get(0).get(key).orElseThrow();
      assertThat(stored.sameTokensAs(old)).as("the login is neither deleted nor changed").isTrue();
      assertThat(fake.oauth().user(((AccessToken.Bearer) old.token()).value()))
          .as("the user's access token still works")
          .isPresent();

      // The next caller learns the same at once, without a wait and without a spend.
      Instant again = clock.instant();
      Throwable second = catchThrowable(() -> entity(fake, waiting, old).refresh());
      assertThat(second).isInstanceOf(ProviderException.class).hasMessageContaining("log in again");
      assertThat(Duration.between(again, clock.instant())).isZero();
      assertThat(fake.oauth().refreshCount()).isEqualTo(1);
      assertThat(fake.oauth().revokedGrantCount()).isZero();

      // Logging in again renews the login, and its new refresh token refreshes as before.
      Key renewed = expiredLogin(fake, app, servers.get(0));
      assertThat(renewed).isEqualTo(key);
      AuthRecord fresh = servers.get(0).get(key).orElseThrow();
      assertThat(entity(fake, servers.get(1), fresh).refresh()).isTrue();
      assertThat(fake.oauth().revokedGrantCount()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2", "postgres"})
  void aHolderThatWasOnlySlowStillWritesItsTokensAfterItsLeaseLapsed(String kind) throws Exception {
    List<AuthStore> servers = fleet(kind);
    try (FakeTwitterV2 fake = new FakeTwitterV2();
        TestApp app = new TestApp(servers.get(0))) {
      Key key = expiredLogin(fake, app, servers.get(0));
      AuthRecord old = servers.get(0).get(key).orElseThrow();
      Waiting waiting = new Waiting(servers.get(0), clock);
      Throwable[] other = new Throwable[1];
      // Server 1 is so slow that its lease lapses after the provider answered; server 0 asks then.
      ForwardingStore slow =
          new ForwardingStore(servers.get(1)) {
            @Override
            public java.util.Optional<AuthRecord> putIfTokensUnchanged(
                AuthRecord spent, AuthRecord fresh) {
              clock.advance(BOUND.multipliedBy(2));
              other[0] = catchThrowable(() -> entity(fake, waiting, old).refresh());
              return super.putIfTokensUnchanged(spent, fresh);
            }
          };
      AuthEntity holder = entity(fake, slow, old);
      assertThat(holder.refresh()).as("the slow holder's compare-and-set wins").isTrue();
      assertThat(other[0]).isInstanceOf(ProviderException.class);
      assertThat(fake.oauth().refreshCount()).isEqualTo(1);
      assertThat(fake.oauth().revokedGrantCount()).isZero();
      AuthRecord stored = servers.get(0).get(key).orElseThrow();
      assertThat(stored.sameTokensAs(holder.record())).isTrue();
      // Every server now uses the slow holder's tokens, with no call to the provider.
      assertThat(entity(fake, waiting, old).refresh()).isTrue();
      assertThat(fake.oauth().refreshCount()).isEqualTo(1);
    }
  }

  @org.junit.jupiter.api.Test
  void aRotationTheStoreCouldNotTakeIsNotSpentAgainOnceTheStoreIsBack() throws Exception {
    // Server 0 reaches PostgreSQL directly, server 1 through a proxy the test cuts.
    PGSimpleDataSource direct = (PGSimpleDataSource) TestPostgres.newDatabase();
    TcpProxy proxy = new TcpProxy(TestPostgres.port());
    open.add(proxy);
    PGSimpleDataSource through = new PGSimpleDataSource();
    through.setServerNames(direct.getServerNames());
    through.setPortNumbers(new int[] {proxy.port()});
    through.setDatabaseName(direct.getDatabaseName());
    through.setUser(direct.getUser());
    through.setConnectTimeout(5);
    KeyRing ring = KeyRing.generate();
    JdbcStore zero = new JdbcStore(direct, ring);
    JdbcStore one = new JdbcStore(through, ring);
    open.add(zero);
    open.add(one);
    AuthStore server0 = zero.withClock(clock);
    try (FakeTwitterV2 fake = new FakeTwitterV2();
        TestApp app = new TestApp(server0)) {
      Key key = expiredLogin(fake, app, server0);
      AuthRecord old = server0.get(key).orElseThrow();

      // The provider rotates; server 1's network to the store goes down before its write, and is
      // back a moment after the write failed (a restart, a failover), before the refresh ends.
      AuthStore blip =
          new ForwardingStore(one.withClock(clock)) {
            @Override
            public java.util.Optional<AuthRecord> putIfTokensUnchanged(
                AuthRecord spent, AuthRecord fresh) {
              proxy.close();
              try {
                return super.putIfTokensUnchanged(spent, fresh);
              } finally {
                through.setPortNumbers(new int[] {TestPostgres.port()});
              }
            }
          };
      Throwable first = catchThrowable(() -> entity(fake, blip, old).refresh());
      assertThat(first).as("the store's 503").isInstanceOf(StoreUnavailableException.class);
      assertThat(fake.oauth().refreshCount()).as("the provider rotated").isEqualTo(1);

      Throwable second =
          catchThrowable(() -> entity(fake, new Waiting(server0, clock), old).refresh());
      assertMustRenewWithoutASecondSpend(fake, second, old, server0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stall", "reset", "5xx", "refused"})
  void aFailedRefreshLeavesItsTokenToTheNextOneOnlyWhereTheProviderCannotHaveRotated(String failure)
      throws Exception {
    List<AuthStore> servers = fleet("postgres");
    try (FakeTwitterV2 fake = new FakeTwitterV2();
        TestApp app = new TestApp(servers.get(0))) {
      TcpProxy proxy = new TcpProxy(fake.url().getPort());
      open.add(proxy);
      Key key = expiredLogin(fake, app, servers.get(0));
      AuthRecord old = servers.get(0).get(key).orElseThrow();

      // Server 1 reaches the provider through a proxy, within a one-second budget. The provider
      // rotates and its answer is lost: it stalls past the budget, or the connection drops. Or it
      // answers a 5xx, its own failure (nothing rotated); or it is never reached.
      boolean lost = failure.equals("stall") || failure.equals("reset");
      AtomicBoolean lose = new AtomicBoolean(lost);
      fake.oauth()
          .shapeTokens(
              (body, who, authorizeParams) -> {
                if (authorizeParams == null && lose.getAndSet(false)) {
                  if (failure.equals("stall")) {
                    sleep(Duration.ofSeconds(2));
                  } else {
                    proxy.close();
                  }
                }
                return body;
              });
      if (failure.equals("5xx")) {
        fake.oauth().failNextToken(FakeResponse.text(503, "down for maintenance"));
      } else if (failure.equals("refused")) {
        proxy.close();
      }
      Throwable first = catchThrowable(throughProxy(fake, proxy, servers.get(1), old)::refresh);
      assertThat(first).isInstanceOf(ProviderException.class);
      assertThat(((ProviderException) first).error()).as("no OAuth error answer").isEmpty();
      assertThat(fake.oauth().refreshCount()).as("the provider rotated").isEqualTo(lost ? 1 : 0);

      AuthEntity next = entity(fake, new Waiting(servers.get(0), clock), old);
      if (lost) {
        assertMustRenewWithoutASecondSpend(
            fake, catchThrowable(next::refresh), old, servers.get(0));
      } else {
        // Nothing was spent: the next refresh spends the token, and no new login is asked for.
        assertThat(next.refresh()).isTrue();
        assertThat(fake.oauth().refreshCount()).isEqualTo(1);
        assertThat(fake.oauth().revokedGrantCount()).isZero();
      }
    }
  }

  /**
   * The provider rotates and answers, and the library refuses the answer (here a token of a type it
   * does not use): the refresh token is spent all the same, so the next refresh must not send it.
   */
  @Test
  void aRotationTheLibraryRefusedIsNotSpentAgain() throws Exception {
    List<AuthStore> servers = fleet("postgres");
    try (FakeTwitterV2 fake = new FakeTwitterV2();
        TestApp app = new TestApp(servers.get(0))) {
      Key key = expiredLogin(fake, app, servers.get(0));
      AuthRecord old = servers.get(0).get(key).orElseThrow();
      AtomicBoolean refuse = new AtomicBoolean(true);
      fake.oauth()
          .shapeTokens(
              (body, who, authorizeParams) ->
                  authorizeParams == null && refuse.getAndSet(false)
                      ? body.put("token_type", "mac")
                      : body);

      Throwable first = catchThrowable(entity(fake, servers.get(1), old)::refresh);
      assertThat(first).isInstanceOf(ProviderException.class).hasMessageContaining("mac");
      assertThat(fake.oauth().refreshCount()).as("the provider rotated").isEqualTo(1);

      AuthEntity next = entity(fake, new Waiting(servers.get(0), clock), old);
      assertMustRenewWithoutASecondSpend(fake, catchThrowable(next::refresh), old, servers.get(0));
    }
  }

  /** Server 1's entity for a login, reaching the provider through the proxy within 1 s. */
  private AuthEntity throughProxy(
      FakeTwitterV2 fake, TcpProxy proxy, AuthStore store, AuthRecord r) {
    HttpTransport quick =
        new JdkTransport(
            Limits.DEFAULT.withRequestBudget(Duration.ofSeconds(1)), OutboundProxy.NONE);
    Site<?> far =
        TwitterV2.create(
            fake.options()
                .withAllBases(java.net.URI.create("http://127.0.0.1:" + proxy.port()))
                .withTransport(quick));
    return new AuthEntity(far, r, store, quick, clock) {};
  }

  /**
   * What a refresh after a spend whose outcome no store holds answers: the provider's own word for
   * a refresh token it will not take, without sending the token again.
   */
  private static void assertMustRenewWithoutASecondSpend(
      FakeTwitterV2 fake, Throwable answer, AuthRecord old, AuthStore store) {
    assertThat(fake.oauth().refreshCount()).as("the refresh token spent once").isEqualTo(1);
    assertThat(fake.oauth().revokedGrantCount()).as("grants revoked for reuse").isZero();
    assertThat(answer).isInstanceOf(ProviderException.class).hasMessageContaining("log in again");
    assertThat(((ProviderException) answer).oauthError()).isEqualTo("invalid_grant");
    assertThat(store.get(old.key()).orElseThrow().sameTokensAs(old))
        .as("the login is neither deleted nor changed")
        .isTrue();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Logs in through the app and marks the stored access token expired on the test's clock. */
  private Key expiredLogin(FakeTwitterV2 fake, TestApp app, AuthStore store) throws Exception {
    Site<?> site = TwitterV2.create(fake.options());
    app.mount(site, fake);
    Browser browser = new Browser();
    Browser.Page consent = browser.post(app.url("/" + site.name() + "/start"), Map.of());
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    AuthRecord login = store.get(key).orElseThrow();
    store.put(login.withTokens(login.token(), login.refreshToken(), clock.instant()));
    return key;
  }

  /** A server's entity for a stored login, telling time by the test's clock. */
  private AuthEntity entity(FakeTwitterV2 fake, AuthStore store, AuthRecord r) {
    Site<?> site = TwitterV2.create(fake.options());
    return new AuthEntity(site, r, store, fake.options().transport(), clock) {};
  }

  /**
   * A server killed with SIGKILL right after the provider answered its refresh: it writes nothing
   * and releases nothing.
   */
  private static final class Dying extends ForwardingStore {
    static final Error KILLED = new Error("SIGKILL");

    Dying(AuthStore delegate) {
      super(delegate);
    }

    @Override
    public java.util.Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
      throw KILLED;
    }

    @Override
    public void releaseRefresh(Key key, String holder) {
      // A dead process releases nothing.
    }
  }

  /** A server whose clock moves on by a second each time it finds the lease held elsewhere. */
  private static final class Waiting extends ForwardingStore {
    private final MutableClock clock;

    Waiting(AuthStore delegate, MutableClock clock) {
      super(delegate);
      this.clock = clock;
    }

    @Override
    public boolean leaseRefresh(Key key, String holder, Duration ttl) {
      boolean taken = super.leaseRefresh(key, holder, ttl);
      if (!taken) {
        clock.advance(Duration.ofSeconds(1));
      }
      return taken;
    }
  }
}
