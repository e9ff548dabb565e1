package org.oauthdropins.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.oauthdropins.benchmarks.SoakSchedule.Fault;
import org.oauthdropins.benchmarks.SoakSchedule.Kind;

class SoakScheduleTest {

  @Test
  void theDefaultScheduleHasEveryFaultOnceInOrderWithinTheRun() {
    SoakSchedule s = SoakSchedule.parse(SoakSchedule.DEFAULT, 600);
    assertThat(s.faults())
        .extracting(Fault::kind)
        .containsExactly(Kind.PG_STOP, Kind.KILL, Kind.ERRORS, Kind.SLOW, Kind.RESET, Kind.HOSTILE);
    Fault pg = s.faults().get(0);
    assertThat(pg.at()).isEqualTo(72.0);
    assertThat(pg.length()).isEqualTo(30.0);
    assertThat(s.faults().get(2).share()).isEqualTo(0.3);
    assertThat(s.faults().get(5).end()).isLessThanOrEqualTo(600 * 0.8);
  }

  @Test
  void timesAreSecondsWithOrWithoutUnitOrAShareOfTheRun() {
    SoakSchedule s = SoakSchedule.parse("kill@40s+10, 5xx@50+5s:0.5, hostile@80%+10%", 100);
    assertThat(s.faults())
        .containsExactly(
            new Fault(Kind.KILL, 40, 10, 1),
            new Fault(Kind.ERRORS, 50, 5, 0.5),
            new Fault(Kind.HOSTILE, 80, 10, 1));
    assertThat(s.faults().get(1).label()).isEqualTo("5xx (50%)");
  }

  @Test
  void aFaultWithoutLengthLastsATwentiethOfTheRunAndFaultsAreSortedByStart() {
    SoakSchedule s = SoakSchedule.parse("reset@60:0.2,pg-stop@10", 100);
    assertThat(s.faults())
        .containsExactly(new Fault(Kind.PG_STOP, 10, 5, 1), new Fault(Kind.RESET, 60, 5, 0.2));
  }

  @Test
  void atTellsTheFaultInForce() {
    SoakSchedule s = SoakSchedule.parse("slow@10+5", 100);
    assertThat(s.at(9.99)).isNull();
    assertThat(s.at(10).kind()).isEqualTo(Kind.SLOW);
    assertThat(s.at(14.9).kind()).isEqualTo(Kind.SLOW);
    assertThat(s.at(15)).isNull();
  }

  @Test
  void noneOrNothingIsARunWithoutFaults() {
    assertThat(SoakSchedule.parse("none", 60).faults()).isEmpty();
    assertThat(SoakSchedule.parse(" ", 60).faults()).isEmpty();
  }

  @Test
  void badSchedulesAreRefusedNamingTheWrongPart() {
    assertThatThrownBy(() -> SoakSchedule.parse("reboot@10", 60))
        .hasMessageContaining("unknown fault 'reboot'");
    assertThatThrownBy(() -> SoakSchedule.parse("kill", 60)).hasMessageContaining("no @start");
    assertThatThrownBy(() -> SoakSchedule.parse("kill@ten", 60))
        .hasMessageContaining("'ten' is not a number");
    assertThatThrownBy(() -> SoakSchedule.parse("5xx@10:1.5", 60))
        .hasMessageContaining("share must be in (0, 1]");
    assertThatThrownBy(() -> SoakSchedule.parse("5xx@10:0", 60))
        .hasMessageContaining("share must be in (0, 1]");
    assertThatThrownBy(() -> SoakSchedule.parse("kill@55+10", 60))
        .hasMessageContaining("does not fit in a run of 60.0 s");
    assertThatThrownBy(() -> SoakSchedule.parse("kill@10+10,pg-stop@15", 60))
        .hasMessageContaining("faults overlap: kill and pg-stop");
  }

  @Test
  void theRunOnTheEmulatorRestartsTheEmulatorInsteadOfStoppingPostgres() {
    SoakSchedule s = SoakSchedule.parse(SoakSchedule.defaultFor("datastore"), 600);
    assertThat(s.faults())
        .extracting(Fault::kind)
        .containsExactly(
            Kind.EMULATOR_STOP, Kind.KILL, Kind.ERRORS, Kind.SLOW, Kind.RESET, Kind.HOSTILE);
    assertThat(SoakSchedule.defaultFor("postgres")).isEqualTo(SoakSchedule.DEFAULT);
  }

  @Test
  void aStoresOutageIsRefusedOnARunOnTheOtherStore() {
    SoakSchedule pg = SoakSchedule.parse("pg-stop@10,kill@30", 60);
    pg.checkStore("postgres");
    assertThatThrownBy(() -> pg.checkStore("datastore"))
        .hasMessageContaining("pg-stop does not apply to the run on datastore: use emulator-stop");
    assertThatThrownBy(() -> SoakSchedule.parse("emulator-stop@10", 60).checkStore("postgres"))
        .hasMessageContaining("use pg-stop");
  }
}
