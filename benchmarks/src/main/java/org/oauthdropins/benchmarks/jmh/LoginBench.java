package org.oauthdropins.benchmarks.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.oauthdropins.internal.oauth2.Pkce;
import org.oauthdropins.web.WebResponse;
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
 * The library's own work per login, without a network: {@code start} (state, PKCE, the browser
 * cookie, the pending row, the authorize URL) and {@code login} (start, then the callback's
 * bookkeeping: the pending row taken, the token and profile answers parsed, the login stored, the
 * logins cookie signed), on each store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoginBench {

  @Param({"memory", "h2"})
  public String store;

  private Stores.Open open;
  private Fixtures fixtures;
  private Map<String, String> browser;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    open = Stores.open(store);
    fixtures = new Fixtures(open.store());
    // A login that fails would time the error page instead: this throws unless one succeeds.
    fixtures.loggedIn();
    browser = Fixtures.cookies(fixtures.start.handle(Fixtures.startRequest()).cookies());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    open.close();
  }

  /**
   * A start from a returning browser: its logins are never finished here, and the browser's cap
   * keeps its pending ones at 20, where starts from ever new browsers would pile up rows without
   * end and time a growing table.
   */
  @Benchmark
  public WebResponse start() {
    return fixtures.start.handle(Fixtures.startRequest(browser));
  }

  @Benchmark
  public WebResponse login() {
    return fixtures.login();
  }

  @Benchmark
  public Pkce pkce() {
    return Pkce.create();
  }
}
