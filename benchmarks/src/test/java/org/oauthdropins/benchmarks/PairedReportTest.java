package org.oauthdropins.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The paired run's targets read the median of the rounds' ratios, each round's apps kept apart. */
class PairedReportTest {

  private static Results.Level level(int c, double rate, double cpu) {
    return new Results.Level(
        "c=" + c, c, 10, (long) (rate * 10), 0, rate, 1, 2, cpu, 500, 0, Map.of(), null);
  }

  /** Rounds at every level, library figures first: {rate, cpu, scribeRate, scribeCpu} per round. */
  private static Results.Paired paired(double[][] c8) {
    List<Results.Round> rounds = new ArrayList<>();
    for (int r = 0; r < c8.length; r++) {
      boolean firstA = r % 2 == 0;
      for (int c : Pairs.CONCURRENCIES) {
        double[] f = c == 8 ? c8[r] : new double[] {1000, 0.5, 1000, 0.5};
        rounds.add(new Results.Round(r + 1, c, firstA, level(c, f[0], f[1]), level(c, f[2], f[3])));
      }
    }
    return new Results.Paired("library-h2", "scribejava", 60, 45, rounds);
  }

  @Test
  void aTargetIsTheMedianOfTheRoundsRatiosNotOfTheirFigures() {
    // Ratios at c=8: 0.5, 1.2, 1.15 (median 1.15). The medians of the figures alone would give
    // 2300 / 2000 = 1.15 too here, so the third round differs: library 1150 vs 1000.
    Results.Paired p =
        paired(
            new double[][] {
              {1000, 0.40, 2000, 0.50}, {3600, 0.40, 3000, 0.50}, {1150, 0.40, 1000, 0.50}
            });
    assertThat(PairedReport.ratios(p, 8, Results.Level::loginsPerSecond))
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
    Results.Paired p = paired(new double[][] {{2000, 0.6, 1000, 0.4}, {2000, 0.6, 1000, 0.4}});
    assertThat(p.rounds().get(3).firstA()).isFalse();
    assertThat(PairedReport.ratios(p, 8, Results.Level::cpuMsPerLogin))
        .allSatisfy(r -> assertThat(r).isEqualTo(1.5, org.assertj.core.data.Offset.offset(1e-9)));
    StringBuilder md = new StringBuilder();
    PairedReport.section(md, p);
    assertThat(md.toString())
        .contains("| c=8 | 2000 | 1000 | 2.00x (2.00x to 2.00x) | 0.600 | 0.400 | 1.50x")
        .contains("| 2 | c=8 | ScribeJava | 2000 | 1000 | 0.600 | 0.400 | 0 |");
  }
}
