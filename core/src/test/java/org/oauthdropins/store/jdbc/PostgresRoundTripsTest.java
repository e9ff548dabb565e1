package org.oauthdropins.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.oauthdropins.internal.seal.Sealing;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.TestPostgres;

/**
 * What a login costs PostgreSQL, in statements sent to it (each a round trip; opening and closing a
 * pooled connection is not counted): with the pending login sealed in its cookie the start sends
 * none and the callback one, which spends the state and writes the login, a returning user's too
 * (the statement itself leaves a row sealed under a key the ring lacks); the store-backed way
 * three.
 */
class PostgresRoundTripsTest {

  private static final Set<String> SENT =
      Set.of("execute", "executeQuery", "executeUpdate", "executeBatch", "commit", "rollback");

  private final AtomicInteger sent = new AtomicInteger();

  /** The database, counting the calls that send something to the server. */
  private DataSource counting(DataSource ds) {
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {DataSource.class},
            (p, m, args) -> {
              Object r = invoke(ds, m, args);
              return r instanceof Connection c ? connection(c) : r;
            });
  }

  private Connection connection(Connection c) {
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (p, m, args) -> {
              count(m.getName());
              Object r = invoke(c, m, args);
              if (r instanceof PreparedStatement s) {
                return wrap(s, PreparedStatement.class);
              }
              return r instanceof Statement s ? wrap(s, Statement.class) : r;
            });
  }

  private <T> T wrap(T target, Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {type},
            (p, m, args) -> {
              count(m.getName());
              return invoke(target, m, args);
            }));
  }

  private void count(String method) {
    if (SENT.contains(method)) {
      sent.incrementAndGet();
    }
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void aSealedLoginsCallbackIsOneStatementAndAStoredOnesLoginIsThree() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    Instant until = clock.instant().plus(Duration.ofMinutes(10));
    try (JdbcStore store =
        new JdbcStore(
            counting(TestPostgres.newDatabase()), // a database of its own, for a ring of its own
            clock,
            () -> {},
            Sealing.of(KeyRing.generate()))) {
      // The first use checks the keys, learns the database's dialect and sweeps once.
      store.logins().putSpendingState(login(), Secrets.random(32), until);
      PendingLogin warm = pending(until);
      store.pendingLogins().put(warm);
      store.pendingLogins().take(warm.id());

      sent.set(0);
      AuthRecord first = login();
      assertThat(store.logins().putSpendingState(first, Secrets.random(32), until)).isPresent();
      int sealedCallback = sent.getAndSet(0);
      assertThat(store.logins().putSpendingState(first, Secrets.random(32), until)).isPresent();
      int returningUsersCallback = sent.getAndSet(0);

      PendingLogin p = pending(until);
      store.pendingLogins().putOfNewBrowser(p); // a first login: the start made the browser id
      store.pendingLogins().take(p.id());
      store.logins().put(login());
      int storedLogin = sent.get();

      System.out.printf(
          "PostgreSQL statements per login: sealed pending login: start 0, callback %d (a"
              + " returning user's %d); stored pending login: %d%n",
          sealedCallback, returningUsersCallback, storedLogin);
      assertThat(sealedCallback).isEqualTo(1);
      assertThat(returningUsersCallback).isEqualTo(1);
      assertThat(storedLogin).isEqualTo(3);
    }
  }

  private static AuthRecord login() {
    return AuthRecord.of(
        new Key("GitHubAuth", "user-" + Secrets.random(6)),
        "github",
        new AccessToken.Bearer("gho_" + Secrets.random(12)),
        null,
        null,
        "{\"login\":\"mona\"}",
        "{}");
  }

  private static PendingLogin pending(Instant until) {
    return new PendingLogin(
        Secrets.random(24),
        "github",
        "browser-" + Secrets.random(8),
        null,
        "http://127.0.0.1:8080/github/oauth_callback",
        java.util.Map.of("code_verifier", Secrets.random(32)),
        until);
  }
}
