package org.oauthdropins.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.oauthdropins.keys.KeyRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What sealing at rest costs a login: the callback seals the access and the refresh token (two
 * {@link #seal}s), and each read of the login opens them (two {@link #open}s). A GitHub-sized
 * token.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SealBench {

  private static final String TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4a";
  private static final String CONTEXT = "GitHubAuth:octocat access_token";

  private final KeyRing ring = KeyRing.generate().rotated();
  private final String sealed = ring.seal(TOKEN, CONTEXT);

  @Benchmark
  public String seal() {
    return ring.seal(TOKEN, CONTEXT);
  }

  @Benchmark
  public String open() {
    return ring.open(sealed, CONTEXT);
  }
}
