package org.oauthdropins.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.TestInstance;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.secrets.Secrets;

/**
 * What the four contracts of a store ({@link LoginStoreContract}, {@link PendingLoginsContract},
 * {@link AppRegistrationsContract}, {@link RefreshLeasesContract}) share: a store per test on the
 * implementation's {@link StoreBackend}, a clock the tests move, races, and the rules of a failure.
 * Stores share one backend per test class (a database or emulator is started once), so every test
 * uses fresh random keys instead of an empty store.
 *
 * <p>Each implementation runs every contract: its test class holds one {@code @Nested} subclass per
 * contract, all on the same backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {

  /** Threads in the races; enough to collide on two cores, few enough to stay quick. */
  protected static final int RACERS = 8;

  protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final ExecutorService pool = Executors.newFixedThreadPool(RACERS);
  protected AuthStore store;

  /** The implementation under test. */
  protected abstract StoreBackend backend();

  @BeforeEach
  void openTheStore() {
    store = backend().open(clock);
  }

  @AfterEach
  void closeTheStore() {
    store.close();
  }

  @AfterAll
  void stopThePool() {
    pool.shutdownNow();
  }

  /**
   * A store whose backend can be taken down; the test is skipped, saying so, where there is none.
   */
  protected Outage outageOrSkip() throws Exception {
    Outage outage = backend().outage(clock);
    if (outage == null) {
      String why = getClass().getName() + ": this store has no backend that can go down";
      System.out.println("SKIPPED " + why);
      Assumptions.abort(why);
    }
    return outage;
  }

  /**
   * A call on a store that is down fails with a {@link StoreUnavailableException} that says so and
   * nothing else (none of the {@code secrets} either), in bounded time.
   */
  protected static void failsClearly(Runnable call, String... secrets) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(call::run)
                .isInstanceOf(StoreUnavailableException.class)
                .satisfies(
                    e -> {
                      for (String secret : secrets) {
                        assertThat(e.getMessage()).doesNotContain(secret);
                      }
                    })
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank())
                .satisfies(StoreContract::saysNothingOfTheBackend));
  }

  // ---- values

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
