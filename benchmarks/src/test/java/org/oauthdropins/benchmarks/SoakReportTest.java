package org.oauthdropins.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RELIABILITY.md is one section per store: a run rewrites its own and keeps the other's. */
class SoakReportTest {

  @Test
  void aRunWritesItsSectionAndKeepsTheOtherStoresInTheirOrder() {
    String first = SoakReport.file(null, "datastore", "## Datastore emulator\n\nrun A\n");
    assertThat(first).startsWith("# Reliability").contains("run A");
    assertThat(SoakReport.sectionOf(first, "postgres")).isNull();

    String both = SoakReport.file(first, "postgres", "## PostgreSQL\n\nrun B\n");
    assertThat(both.indexOf("run B")).isLessThan(both.indexOf("run A"));

    String again = SoakReport.file(both, "datastore", "## Datastore emulator\n\nrun C\n");
    assertThat(again).contains("run B", "run C").doesNotContain("run A");
    assertThat(SoakReport.sectionOf(again, "datastore").strip())
        .isEqualTo("## Datastore emulator\n\nrun C");
    assertThat(SoakReport.file(again, "datastore", SoakReport.sectionOf(again, "datastore")))
        .isEqualTo(again);
  }
}
