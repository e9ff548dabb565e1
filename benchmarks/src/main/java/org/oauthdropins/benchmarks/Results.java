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
   * One round of the paired run: the same level against each of two apps, one right after the other
   * ({@code firstA} says which went first; the order alternates between rounds).
   */
  record Round(int round, int concurrency, boolean firstA, Level a, Level b) {}

  /**
   * The paired run: apps {@code a} and {@code b} up side by side, each warmed up, then their levels
   * interleaved round by round, so that both meet the machine in the same state.
   */
  record Paired(
      String a, String b, double aWarmupSeconds, double bWarmupSeconds, List<Round> rounds) {}

  /** A jar on core's runtime class path. */
  record Jar(String name, long bytes) {}
}
