package org.oauthdropins.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.benchmarks.SoakChecks.Check;
import org.oauthdropins.benchmarks.SoakChecks.Grant;
import org.oauthdropins.benchmarks.SoakChecks.Outcome;
import org.oauthdropins.benchmarks.SoakChecks.Stored;
import org.oauthdropins.benchmarks.SoakChecks.Trace;

/** The invariant checkers on made-up runs: each holds on a good one and catches its breakage. */
class SoakChecksTest {

  /** A login that finished: user u, code c-u, refreshed or not. */
  private static Trace finished(String u, boolean refreshed) {
    return new Trace(
        Long.parseLong(u), 1, 10, Outcome.OK, null, 0, null, "c-" + u, 302, u, refreshed);
  }

  /** A login whose callback answered {@code status}. */
  private static Trace callbackFailed(String u, int status) {
    return new Trace(
        Long.parseLong(u),
        1,
        10,
        Outcome.CLEAN,
        "callback",
        status,
        "x",
        "c-" + u,
        status,
        null,
        false);
  }

  /** A login that failed at start: no code, no callback. */
  private static Trace startFailed(long id) {
    return new Trace(id, 1, 10, Outcome.CLEAN, "start", 503, "x", null, 0, null, false);
  }

  private static Grant grant(String u, int exchanges, int refreshes) {
    return new Grant(u, "c-" + u, exchanges, 0, refreshes, 0, false, 0, "a-" + u, "r-" + u);
  }

  private static Stored stored(String u) {
    return new Stored(true, "a-" + u, "r-" + u);
  }

  /** A good run: users 1 and 2 finished (2 refreshed), 3's callback failed, 4 failed at start. */
  private static final class Run {
    final List<Trace> traces =
        new ArrayList<>(
            List.of(
                finished("1", false),
                finished("2", true),
                callbackFailed("3", 502),
                startFailed(4)));
    final List<Grant> ledger =
        new ArrayList<>(List.of(grant("1", 1, 0), grant("2", 1, 1), grant("3", 0, 0)));
    final Map<String, Stored> logins = new HashMap<>(Map.of("1", stored("1"), "2", stored("2")));
    // Both finished logins spent their states; 3's refused callback spent its own too; the
    // warm-up's logins from 5 s before the run left 4.
    long spentStates = 7;
    long spentBeforeRun = 4;
    double countedAt = 60;

    Map<String, Check> check() {
      Map<String, Check> out = new HashMap<>();
      for (Check c :
          SoakChecks.storeChecks(
              traces,
              ledger,
              new SoakChecks.Store(
                  logins,
                  new SoakChecks.Spent(
                      spentStates, SoakChecks.spentFrom(countedAt), spentBeforeRun, -5)),
              2)) {
        out.put(
            c.name().split(" ")[0] + " " + c.name().split(" ")[1] + " " + c.name().split(" ")[2],
            c);
      }
      return out;
    }

    long broken() {
      return check().values().stream().mapToLong(Check::broken).sum();
    }
  }

  private static Check named(Run run, String start) {
    return run.check().values().stream()
        .filter(c -> c.name().startsWith(start))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aGoodRunBreaksNothing() {
    Run run = new Run();
    assertThat(run.broken()).isZero();
    assertThat(named(run, "every login that reached").checked()).isEqualTo(2);
    assertThat(named(run, "no stored login for a callback").checked()).isEqualTo(1);
    assertThat(named(run, "every refresh").checked()).isEqualTo(1);
  }

  @Test
  void aFinishedLoginMissingFromTheStoreIsLostAndUnusable() {
    Run run = new Run();
    run.logins.remove("1");
    assertThat(named(run, "no login lost").broken()).isEqualTo(1);
    assertThat(named(run, "every login that reached").broken()).isEqualTo(1);
  }

  @Test
  void aStoredTokenTheFakeNoLongerTakesIsUnusable() {
    Run run = new Run();
    run.logins.put("1", new Stored(true, "a-old", "r-1"));
    assertThat(named(run, "every login that reached").broken()).isEqualTo(1);
    run.logins.put("1", new Stored(false, null, null));
    assertThat(named(run, "every login that reached").broken()).isEqualTo(1);
  }

  @Test
  void aLoginStoredForACallbackThatAnsweredAnErrorIsCaught() {
    Run run = new Run();
    run.ledger.set(2, grant("3", 1, 0));
    run.logins.put("3", stored("3"));
    assertThat(named(run, "no stored login for a callback").broken()).isEqualTo(1);
  }

  @Test
  void aCodeRedeemedTwiceOrARowWithoutAnExchangeIsADouble() {
    Run run = new Run();
    run.ledger.set(0, grant("1", 2, 0));
    assertThat(named(run, "no login doubled").broken()).isEqualTo(1);
    run = new Run();
    run.logins.put("3", stored("3")); // the fake never gave 3 a token
    assertThat(named(run, "no login doubled").broken()).isEqualTo(1);
  }

  @Test
  void aSecondSpendARevokedGrantOrAStaleRefreshTokenBreaksExactlyOnce() {
    Run run = new Run();
    run.ledger.set(1, new Grant("2", "c-2", 1, 0, 2, 1, true, 0, null, null));
    assertThat(named(run, "every refresh").broken()).isEqualTo(1);
    assertThat(named(run, "every refresh").note())
        .contains("(e.g. 2 (spent twice, grant revoked))");
    run = new Run();
    run.logins.put("2", new Stored(true, "a-2", "r-spent"));
    assertThat(named(run, "every refresh").broken()).isEqualTo(1);
  }

  @Test
  void aRotationTheProviderMadeAfterTheBudgetIsReportedNotBroken() {
    Run run = new Run();
    run.ledger.set(1, new Grant("2", "c-2", 1, 0, 1, 0, false, 1, "a-2", "r-new"));
    // The late rotation also revoked the access token the app stored.
    run.logins.put("2", new Stored(true, "a-old", "r-2"));
    Check usable = named(run, "every login that reached");
    assertThat(usable.broken()).isZero();
    assertThat(usable.note())
        .contains("; 1 whose tokens the provider rotated after the time budget");
    Check c = named(run, "every refresh");
    assertThat(c.broken()).isZero();
    assertThat(c.note()).contains("; 1 rotation(s) the provider made after the time budget");
  }

  /**
   * The Datastore soak's case: a forced refresh whose provider rotated the tokens while the store
   * went down answers 503 (the new tokens cannot be written); the store keeps the login with the
   * spent refresh token, nothing half-written, and no second spend follows.
   */
  @Test
  void aRotationTheStoreCouldNotRecordWhileDownIsReportedNotBroken() {
    Run run = new Run();
    run.traces.set(
        1, new Trace(2, 1, 10, Outcome.CLEAN, "refresh", 503, "503 store", "c-2", 302, "2", false));
    run.ledger.set(1, new Grant("2", "c-2", 1, 0, 1, 0, false, 0, "a-new", "r-new"));
    Check usable = named(run, "every login that reached");
    assertThat(usable.broken()).isZero();
    assertThat(usable.note())
        .contains("; 1 whose refresh the provider answered while the store was down");
    Check c = named(run, "every refresh");
    assertThat(c.broken()).isZero();
    assertThat(c.note())
        .contains(
            "; 1 rotation(s) whose new tokens the store could not take (the refresh answered 503)");

    // The same stale tokens without the refresh's 503 are a refresh the store lost: broken.
    run.traces.set(1, finished("2", true));
    assertThat(named(run, "every login that reached").broken()).isEqualTo(1);
    assertThat(named(run, "every refresh").broken()).isEqualTo(1);
    // And a second spend after it breaks, whatever the store answered.
    run.traces.set(
        1, new Trace(2, 1, 10, Outcome.CLEAN, "refresh", 503, "503 store", "c-2", 302, "2", false));
    run.ledger.set(1, new Grant("2", "c-2", 1, 0, 2, 1, true, 0, null, null));
    assertThat(named(run, "every refresh").broken()).isEqualTo(1);
  }

  /**
   * The short soak's kill case: a forced refresh sent to the server the SIGKILL took down, after
   * the provider rotated the tokens and before the app wrote them; the store keeps the spent pair,
   * and no second spend follows.
   */
  @Test
  void aRotationOnTheKilledServerIsReportedNotBroken() {
    Run run = new Run();
    Trace cut = new Trace(2, 1, 10, Outcome.CUT, "refresh", 0, "reset", "c-2", 302, "2", false);
    run.traces.set(1, cut);
    run.ledger.set(1, new Grant("2", "c-2", 1, 0, 1, 0, false, 0, "a-new", "r-new"));
    Check usable = named(run, "every login that reached");
    assertThat(usable.broken()).isZero();
    assertThat(usable.note())
        .contains("; 1 whose refresh went to the server the SIGKILL took down");
    Check c = named(run, "every refresh");
    assertThat(c.broken()).isZero();
    assertThat(c.note()).contains("; 1 rotation(s) on the server the SIGKILL took down");

    // A second spend after it breaks, cut or not.
    run.ledger.set(1, new Grant("2", "c-2", 1, 0, 2, 1, true, 0, null, null));
    assertThat(named(run, "every refresh").broken()).isEqualTo(1);
    // A refresh cut at any other step is no excuse for stale tokens.
    run.traces.set(1, new Trace(2, 1, 10, Outcome.CUT, "api", 0, "reset", "c-2", 302, "2", false));
    run.ledger.set(1, new Grant("2", "c-2", 1, 0, 1, 0, false, 0, "a-new", "r-new"));
    assertThat(named(run, "every login that reached").broken()).isEqualTo(1);
    assertThat(named(run, "every refresh").broken()).isEqualTo(1);
  }

  @Test
  void fewerSpentStatesThanLoginsLetThroughBreakTheSpentStateCheck() {
    Run run = new Run();
    assertThat(named(run, "every login let through").checked()).isEqualTo(2);
    assertThat(named(run, "every login let through").broken()).isZero();
    run.spentStates = 6;
    assertThat(named(run, "every login let through").broken()).isZero();
    run.spentStates = 5;
    assertThat(named(run, "every login let through").broken()).isEqualTo(1);
    run.spentStates = 0;
    assertThat(named(run, "every login let through").broken()).isEqualTo(2);
  }

  @Test
  void theStatesOfTheLoginsBeforeTheRunAreTakenOffOnlyWhileNoneCanHaveBeenSwept() {
    Run run = new Run();
    run.spentStates = 5;
    assertThat(named(run, "every login let through").broken()).isEqualTo(1);
    // A count 536 s into the run may have missed the warm-up's states, which began 5 s before it:
    // all are taken as the run's, and the check stays a lower bound.
    run.countedAt = 536;
    assertThat(named(run, "every login let through").broken()).isZero();
  }

  @Test
  void loginsOldEnoughForTheirStateToHaveExpiredAreNotCounted() {
    Run run = new Run();
    run.spentStates = 0;
    run.spentBeforeRun = 0;
    // Both started no earlier than 1 s, less 10 ms, less up to 2 s on the consent page: their
    // states are spent until 598.99 s at least. A count at 538 s is more than the minute's margin
    // before that; one at 541 s is not.
    run.countedAt = 538;
    assertThat(named(run, "every login let through").broken()).isEqualTo(2);
    run.countedAt = 541;
    assertThat(named(run, "every login let through").checked()).isZero();
    assertThat(named(run, "every login let through").broken()).isZero();
    // A login that finished later, with its state still spent at that count, is checked.
    run.traces.add(new Trace(5, 100, 10, Outcome.OK, null, 0, null, "c-5", 302, "5", false));
    assertThat(named(run, "every login let through").checked()).isEqualTo(1);
    assertThat(named(run, "every login let through").broken()).isEqualTo(1);
  }

  @Test
  void accountingCountsEveryOutcomeAndBreaksOnUncleanOrSlowRequests() {
    List<Trace> traces =
        List.of(
            finished("1", false),
            callbackFailed("2", 502),
            new Trace(3, 1, 10, Outcome.CUT, "api", 0, "x", null, 302, "3", false));
    Check good = SoakChecks.accounting(traces, List.of(), 3500);
    assertThat(good.holds()).isTrue();
    assertThat(good.note())
        .startsWith("3 = 1 succeeded + 1 failed cleanly + 1 cut by the SIGKILL + 0 other");
    assertThat(SoakChecks.accounting(traces, List.of("a", "b"), 3500).broken()).isEqualTo(2);
    List<Trace> with500 = new ArrayList<>(traces);
    with500.add(new Trace(4, 1, 10, Outcome.UNCLEAN, "start", 500, "x", null, 0, null, false));
    assertThat(SoakChecks.accounting(with500, List.of(), 3500).broken()).isEqualTo(1);
  }

  @Test
  void onlyPlainFourHundredFiveHundredTwoAndFiveHundredThreeAreClean() {
    assertThat(SoakDriver.clean(answer(503, "the credential store is unavailable"))).isTrue();
    assertThat(SoakDriver.clean(answer(400, "bad state"))).isTrue();
    assertThat(SoakDriver.clean(answer(500, "oops"))).isFalse();
    assertThat(SoakDriver.clean(answer(404, "no"))).isFalse();
    assertThat(
            SoakDriver.clean(
                answer(502, "java.io.IOException: reset\n\tat org.example.Foo.bar(Foo.java:1)")))
        .isFalse();
  }

  private static Browser.Answer answer(int status, String body) {
    return new Browser.Answer(status, null, List.of(), body, "text/plain");
  }

  @Test
  void recoveryIsTheTimeUntilTheRatioIsBackAndStays() {
    double[] ratio = new double[60];
    java.util.Arrays.fill(ratio, 1.0);
    for (int s = 20; s < 25; s++) {
      ratio[s] = 0.2;
    }
    ratio[30] = 0.5; // a dip after the first return: back only once it stays back
    SoakChecks.Recovery r = SoakChecks.recovery(ratio, 1.0, 20, 60);
    assertThat(r.before()).isEqualTo(1.0);
    assertThat(r.worst()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.back()).isEqualTo(14.0); // the window 31..33 ends at 34, 14 s after 20
  }

  @Test
  void recoveryNeverBackIsNaN() {
    double[] ratio = new double[40];
    java.util.Arrays.fill(ratio, 0.9);
    for (int s = 15; s < 40; s++) {
      ratio[s] = 0.5;
    }
    SoakChecks.Recovery r = SoakChecks.recovery(ratio, 0.9, 15, 40);
    assertThat(r.back()).isNaN();
    assertThat(r.worst()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theLevelBeforeAFaultLeavesOutEarlierFaultsAndTheirAftermath() {
    double[] ratio = new double[60];
    java.util.Arrays.fill(ratio, 0.9);
    for (int s = 0; s < 10; s++) {
      ratio[s] = 1.0; // before any fault
    }
    for (int s = 10; s < 25; s++) {
      ratio[s] = 0.2; // the first fault (10..15) and the 10 s after it
    }
    List<SoakSchedule.Fault> faults =
        SoakSchedule.parse("pg-stop@10+5,kill@33+5,5xx@45+5", 60).faults();
    // Before the kill: 23..32, of which 25..32 are past the first fault's end plus 10 s.
    assertThat(SoakChecks.levelBefore(ratio, faults, 1))
        .isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    // Before 5xx: 35..44 are all within the kill or the 10 s after it: the level before the first.
    assertThat(SoakChecks.levelBefore(ratio, faults, 2))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(SoakChecks.levelBefore(ratio, faults, 0))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void successBySecondIsSucceededOverDuePerSecondOfArrival() {
    List<Trace> traces =
        List.of(
            new Trace(1, 0.1, 1, Outcome.OK, null, 0, null, null, 302, "1", false),
            new Trace(2, 0.6, 1, Outcome.CLEAN, "start", 503, "x", null, 0, null, false),
            new Trace(3, 2.5, 1, Outcome.OK, null, 0, null, null, 302, "3", false));
    double[] r = SoakChecks.successBySecond(traces, 3);
    assertThat(r[0]).isEqualTo(0.5);
    assertThat(r[1]).isNaN();
    assertThat(r[2]).isEqualTo(1.0);
  }

  @Test
  void aResourceIsFlatUnlessItsLastQuarterGrowsPastTheTolerance() {
    List<double[]> flat = new ArrayList<>();
    List<double[]> leaking = new ArrayList<>();
    for (int t = 0; t < 100; t += 5) {
      flat.add(new double[] {t, 100 + (t % 10 == 0 ? 3 : -3)});
      leaking.add(new double[] {t, 100 + t * 2});
    }
    assertThat(SoakChecks.flatness(flat, 100, 5).flat()).isTrue();
    SoakChecks.Flatness f = SoakChecks.flatness(leaking, 100, 5);
    assertThat(f.flat()).isFalse();
    assertThat(f.lastQuarter()).isGreaterThan(f.thirdQuarter());
    assertThat(SoakChecks.flatness(List.of(new double[] {1, 1}), 100, 5).flat()).isFalse();
  }

  @Test
  void aProcessRestartedDuringTheRunIsJudgedAfterItsWarmUp() {
    // Restarted at 50 s: it fills its pools until 60 s, then stays flat. Judged from the run's
    // half, its ramp would look like growth (third quarter 41, last 50).
    List<double[]> restarted = new ArrayList<>();
    for (int t = 50; t < 100; t += 5) {
      restarted.add(new double[] {t, t < 60 ? 20 + (t - 50) * 3 : 50});
    }
    SoakChecks.Flatness f = SoakChecks.flatness(restarted, 100, 5);
    assertThat(f.flat()).isTrue();
    assertThat(f.thirdQuarter()).isEqualTo(50.0);
  }

  @Test
  void hostileInputsMustBeRefusedWithAFourHundredAndAnAbandonedStartMayPass() {
    assertThat(
            SoakReport.hostileCheck(
                    Map.of(
                        "CROSS_SITE_START 400", 5L, "ABANDONED_START 302", 5L, "GET_START -1", 1L))
                .holds())
        .isTrue();
    assertThat(SoakReport.hostileCheck(Map.of("FORGED_STATE 500", 1L)).broken()).isEqualTo(1);
    assertThat(SoakReport.hostileCheck(Map.of("CROSS_SITE_START 302", 2L)).broken()).isEqualTo(2);
    assertThat(SoakReport.hostileCheck(Map.of("MISSING_STATE 0", 1L)).broken()).isEqualTo(1);
  }
}
