package org.oauthdropins.benchmarks;

import static org.oauthdropins.benchmarks.Report.median;
import static org.oauthdropins.benchmarks.Report.num;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The paired run's part of RESULTS.md ({@link Pairs}): issue 25's targets read as the median of the
 * rounds' ratios, with their range, then each app's figures by level and every round.
 */
final class PairedReport {

  private PairedReport() {}

  /** The README app, which the others are compared with. */
  static final String LIBRARY = "library-h2";

  /** The README app on {@code MemoryStore}: what a login costs without the store's work. */
  static final String MEMORY = "library-memory";

  private static final Map<String, String> NAMES =
      Map.of(
          LIBRARY,
          "README app (embedded)",
          MEMORY,
          "README app, store left out",
          "scribejava",
          "ScribeJava",
          "library-pg",
          "PostgreSQL, one server",
          "fleet",
          "PostgreSQL, fleet of two");

  private static String name(String id) {
    return NAMES.getOrDefault(id, id);
  }

  /** The ratio of app {@code top}'s figure to app {@code bottom}'s in each round of one level. */
  static List<Double> ratios(
      Results.Paired p,
      String top,
      String bottom,
      int concurrency,
      ToDoubleFunction<Results.Level> figure) {
    int t = p.ids().indexOf(top);
    int b = p.ids().indexOf(bottom);
    return p.rounds().stream()
        .filter(r -> r.concurrency() == concurrency)
        .map(r -> figure.applyAsDouble(r.levels().get(t)) / figure.applyAsDouble(r.levels().get(b)))
        .toList();
  }

  /** One figure of one app over the rounds of one level. */
  private static List<Double> figures(
      Results.Paired p, String id, int concurrency, ToDoubleFunction<Results.Level> figure) {
    int i = p.ids().indexOf(id);
    return p.rounds().stream()
        .filter(r -> r.concurrency() == concurrency)
        .map(r -> figure.applyAsDouble(r.levels().get(i)))
        .toList();
  }

  private static int rounds(Results.Paired p) {
    return (int) p.rounds().stream().filter(r -> r.concurrency() == 8).count();
  }

  /**
   * Issue 25's embedded-store rows, read from the paired run: logins/s at least 1.1x ScribeJava's
   * at every level and CPU per login at most 0.9x at c=8, each the median of the rounds' ratios.
   */
  static void targetRows(StringBuilder md, Results.Paired p) {
    if (!p.ids().contains("scribejava")) {
      return;
    }
    for (int c : Pairs.CONCURRENCIES) {
      List<Double> r = ratios(p, LIBRARY, "scribejava", c, Results.Level::loginsPerSecond);
      md.append(
          row(
              "logins/s at c=" + c + " ≥ 1.1x ScribeJava's, embedded store, paired run",
              r,
              rounds(p),
              median(r) >= 1.1));
    }
    List<Double> cpu = ratios(p, LIBRARY, "scribejava", 8, Results.Level::cpuMsPerLogin);
    md.append(
        row(
            "app CPU per login at c=8 ≤ 0.9x ScribeJava's, embedded store, paired run",
            cpu,
            rounds(p),
            median(cpu) <= 0.9));
  }

  /**
   * Issue 25's PostgreSQL rows, read from the paired run: one server at least 0.75x the embedded
   * store's logins/s at c=8 and c=32, a fleet of two at least 0.70x.
   */
  static void storeRows(StringBuilder md, Results.Paired p) {
    for (String id : List.of("library-pg", "fleet")) {
      if (!p.ids().contains(id)) {
        continue;
      }
      double min = id.equals("fleet") ? 0.7 : 0.75;
      String who = id.equals("fleet") ? "a fleet of two on PostgreSQL" : "one server on PostgreSQL";
      for (int c : new int[] {8, 32}) {
        List<Double> r = ratios(p, id, LIBRARY, c, Results.Level::loginsPerSecond);
        md.append(
            row(
                "logins/s at c="
                    + c
                    + ", "
                    + who
                    + " ≥ "
                    + num(min, 2)
                    + "x the embedded store's, paired run",
                r,
                rounds(p),
                median(r) >= min));
      }
    }
  }

  /**
   * What no store can change: the README app with its store left out, against ScribeJava's, by the
   * median of the rounds' ratios. A faster store brings the README app at most this close.
   */
  static void storeLeftOut(StringBuilder md, Results.Paired p) {
    if (!p.ids().contains(MEMORY) || !p.ids().contains("scribejava")) {
      return;
    }
    StringBuilder rates = new StringBuilder();
    for (int c : Pairs.CONCURRENCIES) {
      List<Double> r = ratios(p, MEMORY, "scribejava", c, Results.Level::loginsPerSecond);
      rates.append(rates.isEmpty() ? "" : ", ").append(num(median(r), 2)).append("x at c=" + c);
    }
    List<Double> cpu = ratios(p, MEMORY, "scribejava", 8, Results.Level::cpuMsPerLogin);
    List<Double> saved = ratios(p, MEMORY, LIBRARY, 8, Results.Level::cpuMsPerLogin);
    md.append(
        ("\nWith its store left out (`MemoryStore`, sealing kept), the README app did %s"
                + " ScribeJava's logins/s and %sx its CPU per login at c=8, %sx the embedded"
                + " app's CPU: no faster store brings the embedded app closer to ScribeJava's than"
                + " that.\n")
            .formatted(rates, num(median(cpu), 2), num(median(saved), 2)));
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

  /** The section: each app's figures by level, then every round in the order run. */
  static void section(StringBuilder md, Results.Paired p) {
    StringBuilder warm = new StringBuilder();
    for (int i = 0; i < p.ids().size(); i++) {
      warm.append(i == 0 ? "" : "; ")
          .append(name(p.ids().get(i)))
          .append(' ')
          .append(num(p.warmupSeconds().get(i), 0))
          .append(" s");
    }
    md.append(
        """
        ## Paired run: the apps side by side, levels interleaved

        Every app up at once (the README app on an embedded store of its own, the same app with \
        its store left out, the PostgreSQL ones on the run's one database), each warmed up alone \
        at c=8 by the rule below (%s), then in each round every level against each app right after \
        the other, the app that goes first moving on by one between rounds. Run one after the \
        other, the same app's level has moved by 18 to 30%% between runs a few minutes apart on \
        this machine; levels seconds apart meet it in the same state, so the median of the rounds' \
        ratios is the comparison to read. A ratio here is the app's figure over the README app's \
        in the same round.

        | level | app | logins/s | ratio (median, range) | CPU ms/login | CPU ratio (median, range) |
        |---|---|---:|---|---:|---|
        """
            .formatted(warm));
    for (int c : Pairs.CONCURRENCIES) {
      for (String id : p.ids()) {
        md.append("| c=")
            .append(c)
            .append(" | ")
            .append(name(id))
            .append(" | ")
            .append(num(median(figures(p, id, c, Results.Level::loginsPerSecond)), 0))
            .append(" | ")
            .append(summary(id, ratios(p, id, LIBRARY, c, Results.Level::loginsPerSecond)))
            .append(" | ")
            .append(num(median(figures(p, id, c, Results.Level::cpuMsPerLogin)), 3))
            .append(" | ")
            .append(summary(id, ratios(p, id, LIBRARY, c, Results.Level::cpuMsPerLogin)))
            .append(" |\n");
      }
    }
    storeLeftOut(md, p);
    md.append(
        "\nEvery round (medians above are of these; errors are failed logins):\n\n"
            + "| round | level | app | order | logins/s | CPU ms/login | errors |\n"
            + "|---:|---|---|---:|---:|---:|---:|\n");
    int n = p.ids().size();
    for (Results.Round r : p.rounds()) {
      for (int i = 0; i < n; i++) {
        Results.Level l = r.levels().get(i);
        md.append("| ")
            .append(r.round())
            .append(" | c=")
            .append(r.concurrency())
            .append(" | ")
            .append(name(p.ids().get(i)))
            .append(" | ")
            .append((i - r.first() + n) % n + 1)
            .append(" | ")
            .append(num(l.loginsPerSecond(), 0))
            .append(" | ")
            .append(num(l.cpuMsPerLogin(), 3))
            .append(" | ")
            .append(l.errors())
            .append(" |\n");
      }
    }
    md.append('\n');
  }

  private static String summary(String id, List<Double> ratios) {
    return id.equals(LIBRARY) ? "1" : num(median(ratios), 2) + "x (" + range(ratios) + ")";
  }
}
