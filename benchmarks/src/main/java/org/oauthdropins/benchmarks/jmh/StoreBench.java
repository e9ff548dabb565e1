package org.oauthdropins.benchmarks.jmh;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.PendingLogin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The store operations of one login, on each store: a pending login written and taken (start and
 * callback), the login stored, and read back (the app's {@code /after}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBench {

  @Param({"memory", "h2", "postgres"})
  public String store;

  private Stores.Open open;
  private final AtomicLong counter = new AtomicLong();
  private final Key key = new Key("GitHubAuth", "octocat");

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    open = Stores.open(store);
    open.store().put(record());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    open.close();
  }

  @Benchmark
  public Optional<PendingLogin> pendingPutAndTake() {
    String id = "pending-" + counter.incrementAndGet();
    open.store()
        .putPending(
            new PendingLogin(
                id,
                "github",
                "browser-hash",
                "app-state",
                "http://127.0.0.1:8080/github/oauth_callback",
                Map.of("code_verifier", "v".repeat(43)),
                Instant.now().plusSeconds(600)));
    return open.store().takePending(id);
  }

  @Benchmark
  public AuthRecord put() {
    return open.store().put(record());
  }

  @Benchmark
  public Optional<AuthRecord> get() {
    return open.store().get(key);
  }

  private AuthRecord record() {
    return AuthRecord.of(
        key,
        "github",
        new AccessToken.Bearer("gho_benchbenchbench"),
        null,
        null,
        "{\"id\":\"MDQ6VXNlcjU4MzIzMQ==\",\"login\":\"octocat\",\"name\":\"The Octocat\"}",
        "{}");
  }
}
