package org.oauthdropins.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The paired run's targets read the median of the rounds' ratios, each round's apps kept apart. */
class PairedReportTest {

  private static Results.Level level(int c, double rate, double cpu) {
    return new Results.Level(
        "c=" + c, c, 10, (long) (rate * 10), 0, rate, 1, 2, cpu, 500, 0, Map.of(), null);
  }

  /**
   * Rounds at every level of the given apps, the README app first; at c=8 round r's figures are
   * {@code c8[r]}: {rate, cpu} per app in turn; other levels 1000 logins/s and 0.5 ms each.
   */
  private static Results.Paired paired(List<String> ids, double[][] c8) {
    List<Results.Round> rounds = new ArrayList<>();
    int n = ids.size();
    for (int r = 0; r < c8.length; r++) {
      for (int c : Pairs.CONCURRENCIES) {
        List<Results.Level> levels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          levels.add(c == 8 ? level(c, c8[r][2 * i], c8[r][2 * i + 1]) : level(c, 1000, 0.5));
        }
        rounds.add(new Results.Round(r + 1, c, r % n, levels));
      }
    }
    List<Double> warm = new ArrayList<>();
    ids.forEach(id -> warm.add(60.0));
    return new Results.Paired(ids, warm, rounds);
  }

  private static final List<String> TWO = List.of("library-h2", "scribejava");

  @Test
  void aTargetIsTheMedianOfTheRoundsRatiosNotOfTheirFigures() {
    // Ratios at c=8: 0.5, 1.2, 1.15 (median 1.15). The medians of the figures alone would give
    // 2300 / 2000 = 1.15 too here, so the third round differs: library 1150 vs 1000.
    Results.Paired p =
        paired(
            TWO,
            new double[][] {
              {1000, 0.40, 2000, 0.50}, {3600, 0.40, 3000, 0.50}, {1150, 0.40, 1000, 0.50}
            });
    assertThat(
            PairedReport.ratios(p, "library-h2", "scribejava", 8, Results.Level::loginsPerSecond))
        .containsExactly(0.5, 1.2, 1.15);
    StringBuilder md = new StringBuilder();
    PairedReport.targetRows(md, p);
    assertThat(md.toString())
        .contains(
            "logins/s at c=8 ≥ 1.1x ScribeJava's, embedded store, paired run | 1.15x (median of 3"
                + " rounds; 0.50x to 1.20x) | met")
        .contains(
            "app CPU per login at c=8 ≤ 0.9x ScribeJava's, embedded store, paired run | 0.80x"
                + " (median of 3 rounds; 0.80x to 0.80x) | met")
        .contains("logins/s at c=1 ≥ 1.1x ScribeJava's, embedded store, paired run | 1.00x")
        .contains("| misses |");
  }

  @Test
  void aRoundWhereScribeJavaWentFirstStillComparesTheLibraryToScribeJava() {
    Results.Paired p = paired(TWO, new double[][] {{2000, 0.6, 1000, 0.4}, {2000, 0.6, 1000, 0.4}});
    assertThat(p.rounds().get(3).first()).isEqualTo(1);
    assertThat(PairedReport.ratios(p, "library-h2", "scribejava", 8, Results.Level::cpuMsPerLogin))
        .allSatisfy(r -> assertThat(r).isEqualTo(1.5, Offset.offset(1e-9)));
    StringBuilder md = new StringBuilder();
    PairedReport.section(md, p);
    assertThat(md.toString())
        .contains("| c=8 | ScribeJava | 1000 | 0.50x (0.50x to 0.50x) | 0.400 | 0.67x")
        .contains("| 2 | c=8 | ScribeJava | 1 | 1000 | 0.400 | 0 |")
        .contains("| 2 | c=8 | README app (embedded) | 2 | 2000 | 0.600 | 0 |");
  }

  @Test
  void thePostgresqlRowsCompareEachWithTheEmbeddedStoreOfTheSameRound() {
    // Per round at c=8: embedded, ScribeJava, one server on PostgreSQL, fleet ({rate, cpu} each).
    // PostgreSQL at c=8: 0.80, 0.70, 0.76 of the embedded store (median 0.76, met at 0.75);
    // fleet: 0.60, 0.75, 0.68 (median 0.68, misses 0.70). At c=32 every app does 1000: 1.00x.
    Results.Paired p =
        paired(
            List.of("library-h2", "scribejava", "library-pg", "fleet"),
            new double[][] {
              {1000, 0.4, 900, 0.4, 800, 0.5, 600, 0.6},
              {2000, 0.4, 900, 0.4, 1400, 0.5, 1500, 0.6},
              {1000, 0.4, 900, 0.4, 760, 0.5, 680, 0.6},
              {1000, 0.4, 900, 0.4, 760, 0.5, 680, 0.6}
            });
    StringBuilder md = new StringBuilder();
    PairedReport.storeRows(md, p);
    assertThat(md.toString())
        .contains(
            "| logins/s at c=8, one server on PostgreSQL ≥ 0.75x the embedded store's, paired run"
                + " | 0.76x (median of 4 rounds; 0.70x to 0.80x) | met |")
        .contains(
            "| logins/s at c=8, a fleet of two on PostgreSQL ≥ 0.70x the embedded store's, paired"
                + " run | 0.68x (median of 4 rounds; 0.60x to 0.75x) | misses |")
        .contains(
            "| logins/s at c=32, a fleet of two on PostgreSQL ≥ 0.70x the embedded store's, paired"
                + " run | 1.00x");
    StringBuilder two = new StringBuilder();
    PairedReport.storeRows(two, paired(TWO, new double[][] {{1000, 0.4, 900, 0.4}}));
    assertThat(two.toString()).isEmpty();
  }

  @Test
  void theStoreLeftOutIsReadAgainstScribeJavaAndTheEmbeddedAppOfTheSameRound() {
    // Per round at c=8: embedded, store left out, ScribeJava ({rate, cpu} each). Left out against
    // ScribeJava: 0.90, 1.00, 0.95 logins/s (median 0.95), CPU 1.2, 1.0, 1.1 (median 1.10); against
    // the embedded app's CPU 0.8 each round. Other levels: every app 1000 logins/s (1.00x).
    Results.Paired p =
        paired(
            List.of("library-h2", "library-memory", "scribejava"),
            new double[][] {
              {800, 0.6, 900, 0.48, 1000, 0.4},
              {1800, 0.5, 2000, 0.4, 2000, 0.4},
              {900, 0.55, 950, 0.44, 1000, 0.4}
            });
    StringBuilder md = new StringBuilder();
    PairedReport.section(md, p);
    assertThat(md.toString())
        .contains(
            "the README app did 1.00x at c=1, 0.95x at c=8, 1.00x at c=32 ScribeJava's logins/s"
                + " and 1.10x its CPU per login at c=8, 0.80x the embedded app's CPU")
        .contains("| c=8 | README app, store left out | 950 |");
    StringBuilder without = new StringBuilder();
    PairedReport.section(without, paired(TWO, new double[][] {{1000, 0.4, 900, 0.4}}));
    assertThat(without.toString()).doesNotContain("With its store left out");
  }
}
