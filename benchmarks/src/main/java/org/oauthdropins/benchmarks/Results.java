package org.oauthdropins.benchmarks;

import java.util.List;
import java.util.Map;

/** The values the harness measures and passes between its processes (as JSON) and the report. */
final class Results {

  private Results() {}

  /**
   * One load level against one contender.
   *
   * @param label {@code c=8}, or {@code c=8 (repeat)}
   * @param cpuMsPerLogin the app processes' CPU time over the level divided by the logins
   * @param rssMb the app processes' resident set after the level
   * @param heapBytesPerLogin used heap after two full GCs, after minus before the level, divided by
   *     the logins
   * @param cpuMsPerLoginByThread the app processes' CPU milliseconds per login by kind of thread
   *     (Jetty request threads, JIT compiler, ...), from /proc; empty where there is none
   * @param firstError the first failed login's reason, or null when none failed
   */
  record Level(
      String label,
      int concurrency,
      double seconds,
      long logins,
      long errors,
      double loginsPerSecond,
      double p50Ms,
      double p99Ms,
      double cpuMsPerLogin,
      double rssMb,
      double heapBytesPerLogin,
      Map<String, Double> cpuMsPerLoginByThread,
      String firstError) {}

  /** What the driver reports for one contender. */
  record Drive(double warmupSeconds, List<Double> warmupWindows, List<Level> levels) {}

  /** One contender of the end-to-end run; {@code startupSeconds} is empty when not measured. */
  record Contender(
      String id, String name, List<Double> startupSeconds, Drive drive, Profile profile) {}

  /** One JMH result, in the unit JMH reports. */
  record Micro(String benchmark, String params, double score, double error, String unit) {}

  /** A start-up measurement of a whole program from {@code java -jar} to its first 200. */
  record Startup(String what, List<Double> seconds) {}

  /** A part of the CPU samples, in percent. */
  record Share(String what, double percent) {}

  /** Where an app's CPU samples fell during its load run (JFR). */
  record Profile(String contender, long samples, List<Share> components, List<Share> methods) {}

  /**
   * One round of the paired run at one level: the level against every app, one right after the
   * other, starting with app {@code first} (the start moves on by one app each round).
   *
   * @param levels each app's level, in the order of {@link Paired#ids()}
   */
  record Round(int round, int concurrency, int first, List<Level> levels) {}

  /**
   * The paired run: the apps up side by side, each warmed up, then their levels interleaved round
   * by round, so that all meet the machine in the same state.
   *
   * @param ids the apps' contender ids ({@code library-h2} first, the one the others are compared
   *     with)
   * @param warmupSeconds each app's warm-up, in the order of {@code ids}
   */
  record Paired(List<String> ids, List<Double> warmupSeconds, List<Round> rounds) {}

  /** A jar on core's runtime class path. */
  record Jar(String name, long bytes) {}
}
