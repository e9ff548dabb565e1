package org.oauthdropins.benchmarks;

import static org.oauthdropins.benchmarks.Report.median;
import static org.oauthdropins.benchmarks.Report.num;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The paired run's part of RESULTS.md ({@link Pairs}): for each level, the median of the rounds'
 * ratios of the library's app to ScribeJava's, with their range, and every round.
 */
final class PairedReport {

  private PairedReport() {}

  /** The ratio of app a's figure to app b's in each round of one level. */
  static List<Double> ratios(
      Results.Paired p, int concurrency, ToDoubleFunction<Results.Level> figure) {
    return p.rounds().stream()
        .filter(r -> r.concurrency() == concurrency)
        .map(r -> figure.applyAsDouble(r.a()) / figure.applyAsDouble(r.b()))
        .toList();
  }

  /** One figure of one app over the rounds of one level. */
  private static List<Double> figures(
      Results.Paired p, int concurrency, boolean a, ToDoubleFunction<Results.Level> figure) {
    return p.rounds().stream()
        .filter(r -> r.concurrency() == concurrency)
        .map(r -> figure.applyAsDouble(a ? r.a() : r.b()))
        .toList();
  }

  /**
   * Issue 25's embedded-store rows, read from the paired run: logins/s at least 1.1x ScribeJava's
   * at every level and CPU per login at most 0.9x at c=8, each the median of the rounds' ratios.
   */
  static void targetRows(StringBuilder md, Results.Paired p) {
    int n = (int) p.rounds().stream().filter(r -> r.concurrency() == 8).count();
    for (int c : Pairs.CONCURRENCIES) {
      List<Double> r = ratios(p, c, Results.Level::loginsPerSecond);
      md.append(
          row(
              "logins/s at c=" + c + " ≥ 1.1x ScribeJava's, embedded store, paired run",
              r,
              n,
              median(r) >= 1.1));
    }
    List<Double> cpu = ratios(p, 8, Results.Level::cpuMsPerLogin);
    md.append(
        row(
            "app CPU per login at c=8 ≤ 0.9x ScribeJava's, embedded store, paired run",
            cpu,
            n,
            median(cpu) <= 0.9));
  }

  private static String row(String target, List<Double> ratios, int rounds, boolean met) {
    return "| "
        + target
        + " | "
        + num(median(ratios), 2)
        + "x (median of "
        + rounds
        + " rounds; "
        + range(ratios)
        + ") | "
        + (met ? "met" : "misses")
        + " |\n";
  }

  private static String range(List<Double> ratios) {
    double lo = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double hi = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return num(lo, 2) + "x to " + num(hi, 2) + "x";
  }

  /** The section: a summary by level, then every round in the order run. */
  static void section(StringBuilder md, Results.Paired p) {
    md.append(
        """
        ## Paired run: the README app and ScribeJava's, levels interleaved

        Both apps up side by side (the library's on an embedded store of its own), each warmed up \
        alone at c=8 by the rule below (%s s and %s s), then in each round every level against one \
        app and \
        right after it against the other, the first of the two alternating between rounds. Run \
        one after the other, the same app's level has moved by 18 to 30%% between runs a few \
        minutes apart on this machine; levels seconds apart meet it in the same state, so the \
        median of the rounds' ratios is the comparison to read.

        | level | library logins/s | ScribeJava logins/s | ratio (median, range) | library CPU ms/login | ScribeJava CPU ms/login | CPU ratio (median, range) |
        |---|---:|---:|---|---:|---:|---|
        """
            .formatted(num(p.aWarmupSeconds(), 0), num(p.bWarmupSeconds(), 0)));
    for (int c : Pairs.CONCURRENCIES) {
      List<Double> rate = ratios(p, c, Results.Level::loginsPerSecond);
      List<Double> cpu = ratios(p, c, Results.Level::cpuMsPerLogin);
      md.append("| c=")
          .append(c)
          .append(" | ")
          .append(num(median(figures(p, c, true, Results.Level::loginsPerSecond)), 0))
          .append(" | ")
          .append(num(median(figures(p, c, false, Results.Level::loginsPerSecond)), 0))
          .append(" | ")
          .append(num(median(rate), 2))
          .append("x (")
          .append(range(rate))
          .append(") | ")
          .append(num(median(figures(p, c, true, Results.Level::cpuMsPerLogin)), 3))
          .append(" | ")
          .append(num(median(figures(p, c, false, Results.Level::cpuMsPerLogin)), 3))
          .append(" | ")
          .append(num(median(cpu), 2))
          .append("x (")
          .append(range(cpu))
          .append(") |\n");
    }
    md.append(
        "\nEvery round (medians above are of these; errors are failed logins):\n\n"
            + "| round | level | first | library logins/s | ScribeJava logins/s | library CPU"
            + " ms/login | ScribeJava CPU ms/login | errors |\n"
            + "|---:|---|---|---:|---:|---:|---:|---:|\n");
    for (Results.Round r : p.rounds()) {
      md.append("| ")
          .append(r.round())
          .append(" | c=")
          .append(r.concurrency())
          .append(" | ")
          .append(r.firstA() ? "library" : "ScribeJava")
          .append(" | ")
          .append(num(r.a().loginsPerSecond(), 0))
          .append(" | ")
          .append(num(r.b().loginsPerSecond(), 0))
          .append(" | ")
          .append(num(r.a().cpuMsPerLogin(), 3))
          .append(" | ")
          .append(num(r.b().cpuMsPerLogin(), 3))
          .append(" | ")
          .append(r.a().errors() + r.b().errors())
          .append(" |\n");
    }
    md.append('\n');
  }
}
