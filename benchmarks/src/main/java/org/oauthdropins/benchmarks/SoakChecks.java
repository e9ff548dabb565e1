package org.oauthdropins.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The soak's invariants, checked at the end from what the store and the fake provider hold, never
 * from logs: pure functions over the driver's traces, the fake's ledger and the store's rows, so
 * that each can be tested on made-up data (SoakChecksTest) without a soak.
 */
final class SoakChecks {

  private SoakChecks() {}

  /** How one login ended, as the browser saw it. */
  enum Outcome {
    /** Every step answered as a browser expects. */
    OK,
    /** A step answered 400, 502 or 503 with a plain message. */
    CLEAN,
    /** The app server it was talking to was SIGKILLed under it (a balancer answers 502). */
    CUT,
    /** Anything else: a 500, another status, a stack trace, no answer, or no answer in time. */
    UNCLEAN
  }

  /**
   * One login as the driver saw it.
   *
   * @param at when its last answer came, seconds after the run began (logins are due on a fixed
   *     schedule; they are counted when they end, so that a login due before a fault that fails in
   *     it counts in it)
   * @param latencyMs from when it was due to its last answer
   * @param step the step that failed, or null
   * @param status that step's status (0: no answer)
   * @param code the code the provider sent back to the callback, or null if it got no code
   * @param callbackStatus the callback's status; 0 if the callback was never sent or not answered
   * @param finishedId the key id in the callback's redirect to the finish page, or null
   * @param refreshed whether its forced refresh was asked for and answered 200
   */
  record Trace(
      long id,
      double at,
      double latencyMs,
      Outcome outcome,
      String step,
      int status,
      String detail,
      String code,
      int callbackStatus,
      String finishedId,
      boolean refreshed) {

    boolean callbackAnsweredError() {
      return callbackStatus != 0 && finishedId == null;
    }

    /**
     * The earliest its start can have been sent, in seconds of the run: {@code at} less {@code
     * latencyMs} is when it was due plus the time on the consent page, which is at most {@code
     * thinkMaxS}.
     */
    double startedNoEarlierThan(double thinkMaxS) {
      return at - latencyMs / 1000 - thinkMaxS;
    }
  }

  /**
   * What the fake provider knows about one user (one authorize, one user). Fingerprints are SHA-256
   * prefixes of the live tokens, so tokens never leave the processes that hold them.
   *
   * @param exchanges code redemptions that got a token (at most 1 unless a code was spent twice)
   * @param replays code redemptions refused because the code was spent
   * @param refreshes refresh tokens spent
   * @param doubleSpends refresh tokens presented again after they were spent
   * @param revoked whether the grant was revoked for a double spend
   * @param lateRefreshes refreshes the fake did after the client's time budget had passed
   * @param accessFp the live access token's fingerprint, or null
   * @param refreshFp the live refresh token's fingerprint, or null
   */
  record Grant(
      String user,
      String code,
      int exchanges,
      int replays,
      int refreshes,
      int doubleSpends,
      boolean revoked,
      int lateRefreshes,
      String accessFp,
      String refreshFp) {}

  /** A stored login as the app loaded it through the library, by key id. */
  record Stored(boolean loaded, String accessFp, String refreshFp) {}

  /** The store at the end: logins by key id, and its spent states. */
  record Store(Map<String, Stored> logins, Spent spent) {}

  /**
   * The store's spent states.
   *
   * @param counted how many it held at the end
   * @param from the run's second from which a login's state was surely still spent then ({@link
   *     #spentFrom})
   * @param beforeRun how many it held as the run began: those of the warm-up's logins (and the
   *     capacity measurement's), which have no traces
   * @param beforeRunFrom the run's second (before 0) when the first of those logins began
   */
  record Spent(long counted, double from, long beforeRun, double beforeRunFrom) {

    /**
     * The run's own: those of the logins before it are taken off only while none of them can have
     * been swept, so that the count is never less than what the run's logins left.
     */
    long runs() {
      return beforeRunFrom >= from ? Math.max(0, counted - beforeRun) : counted;
    }
  }

  /** How long a state stays spent: the pending login's lifetime, the library's default. */
  static final double STATE_LIFETIME_S = 600;

  /**
   * How much later than a state's earliest possible expiry a login must have started to count: the
   * app's clock (wall time, where a state's expiry is set and compared) against the runner's
   * (monotonic, where the run's seconds are), and whatever else a bound drawn from the browser's
   * side leaves out. One machine's clocks differ by far less; a minute costs only the first minute
   * of a ten-minute run its logins.
   */
  static final double SPENT_MARGIN_S = 60;

  /**
   * The run's second from which every login's state is surely still spent in the store counted at
   * {@code countedAt}: a state is spent until its start plus {@link #STATE_LIFETIME_S}, and a spend
   * sweeps only what expired before it, so a login started after {@code countedAt} less the
   * lifetime plus {@link #SPENT_MARGIN_S} must be there.
   */
  static double spentFrom(double countedAt) {
    return countedAt - STATE_LIFETIME_S + SPENT_MARGIN_S;
  }

  /** One invariant: how many cases it looked at, how many broke it, and what it means. */
  record Check(String name, long checked, long broken, String note) {
    boolean holds() {
      return broken == 0;
    }
  }

  /**
   * Every invariant of the stored data.
   *
   * @param thinkMaxS the longest a browser stays on the consent page, in seconds
   */
  static List<Check> storeChecks(
      List<Trace> traces, List<Grant> ledger, Store store, double thinkMaxS) {
    Map<String, Grant> byCode = new HashMap<>();
    Map<String, Grant> byUser = new HashMap<>();
    for (Grant g : ledger) {
      if (g.code() != null) {
        byCode.put(g.code(), g);
      }
      byUser.put(g.user(), g);
    }
    List<Check> out = new ArrayList<>();

    // Logins whose forced refresh answered the store's 503: if the provider had rotated the tokens
    // by then, the store could not take the new ones, and it keeps the spent pair.
    Set<String> refreshStoreDown = new HashSet<>();
    // Logins whose forced refresh went to the server the SIGKILL took down: if the provider had
    // rotated the tokens by then, the process died before it could write them (OAuth's own limit:
    // no client survives dying between the provider's answer and its own write).
    Set<String> refreshKilled = new HashSet<>();
    for (Trace t : traces) {
      if ("refresh".equals(t.step()) && t.finishedId() != null) {
        if (t.status() == 503) {
          refreshStoreDown.add(t.finishedId());
        } else if (t.outcome() == Outcome.CUT) {
          refreshKilled.add(t.finishedId());
        }
      }
    }
    long finished = 0;
    List<String> unusable = new ArrayList<>();
    List<String> rotatedLate = new ArrayList<>();
    List<String> unrecorded = new ArrayList<>();
    List<String> killed = new ArrayList<>();
    for (Trace t : traces) {
      if (t.finishedId() == null) {
        continue;
      }
      finished++;
      Stored s = store.logins().get(t.finishedId());
      Grant g = byUser.get(t.finishedId());
      boolean works =
          s != null
              && s.loaded()
              && g != null
              && g.accessFp() != null
              && g.accessFp().equals(s.accessFp());
      if (works) {
        continue;
      }
      // A stored login whose grant stands, with tokens a rotation the app never recorded left
      // stale: one of the three cases below, or broken.
      boolean staleButStanding = s != null && s.loaded() && g != null && !g.revoked();
      if (staleButStanding && g.lateRefreshes() > 0) {
        // The provider rotated the tokens after the app had given up on its answer: the stored
        // token is the one the rotation revoked, and no client could know the new one.
        rotatedLate.add(t.finishedId());
      } else if (staleButStanding && refreshStoreDown.contains(t.finishedId())) {
        // The provider answered the refresh, the store could not take the new tokens.
        unrecorded.add(t.finishedId());
      } else if (staleButStanding && refreshKilled.contains(t.finishedId())) {
        killed.add(t.finishedId());
      } else {
        unusable.add(t.finishedId());
      }
    }
    out.add(
        new Check(
            "every login that reached its finish page is loadable and its token works at the fake",
            finished,
            unusable.size(),
            "the stored access token is the fake's live one for that user"
                + examples(unusable)
                + "; "
                + rotatedLate.size()
                + " whose tokens the provider rotated after the time budget (below) not counted"
                + examples(rotatedLate)
                + "; "
                + unrecorded.size()
                + " whose refresh the provider answered while the store was down (below) not"
                + " counted"
                + examples(unrecorded)
                + "; "
                + killed.size()
                + " whose refresh went to the server the SIGKILL took down (below) not counted"
                + examples(killed)));

    long errors = 0;
    List<String> storedAfterError = new ArrayList<>();
    for (Trace t : traces) {
      if (!t.callbackAnsweredError() || t.code() == null) {
        continue;
      }
      errors++;
      Grant g = byCode.get(t.code());
      if (g != null && store.logins().containsKey(g.user())) {
        storedAfterError.add(g.user());
      }
    }
    out.add(
        new Check(
            "no stored login for a callback that answered an error",
            errors,
            storedAfterError.size(),
            "callbacks that answered 400/5xx, their user looked up in the store"
                + examples(storedAfterError)));

    Set<String> told = new HashSet<>();
    List<String> lost = new ArrayList<>();
    for (Trace t : traces) {
      if (t.finishedId() != null) {
        told.add(t.finishedId());
        if (!store.logins().containsKey(t.finishedId())) {
          lost.add(t.finishedId());
        }
      }
    }
    List<String> doubled = new ArrayList<>();
    for (Grant g : ledger) {
      if (g.exchanges() > 1) {
        doubled.add(g.user());
      }
    }
    for (String id : store.logins().keySet()) {
      Grant g = byUser.get(id);
      if (g == null || g.exchanges() == 0) {
        doubled.add(id);
      }
    }
    out.add(
        new Check(
            "no login lost (finish page shown, nothing stored)",
            told.size(),
            lost.size(),
            "key ids of finish redirects, looked up in the store" + examples(lost)));
    out.add(
        new Check(
            "no login doubled by a retry (a code redeemed twice, a login stored without its"
                + " code's token)",
            ledger.size() + store.logins().size(),
            doubled.size(),
            "the fake's redemptions per code; the store's rows against the fake's grants"
                + examples(doubled)));

    long refreshed = 0;
    List<String> badSpends = new ArrayList<>();
    List<String> lateLost = new ArrayList<>();
    List<String> storeDownLost = new ArrayList<>();
    List<String> killedLost = new ArrayList<>();
    for (Grant g : ledger) {
      refreshed += g.refreshes();
      if (g.doubleSpends() > 0 || g.revoked()) {
        badSpends.add(g.user() + " (spent twice, grant revoked)");
        continue;
      }
      Stored s = store.logins().get(g.user());
      if (s == null || g.refreshFp() == null || g.refreshFp().equals(s.refreshFp())) {
        continue;
      }
      if (g.lateRefreshes() > 0) {
        lateLost.add(g.user());
      } else if (refreshStoreDown.contains(g.user())) {
        storeDownLost.add(g.user());
      } else if (refreshKilled.contains(g.user())) {
        killedLost.add(g.user());
      } else {
        badSpends.add(g.user() + " (the store holds a spent refresh token)");
      }
    }
    out.add(
        new Check(
            "every refresh spent a refresh token exactly once (no second spend, no revoked grant,"
                + " the store holds the live refresh token)",
            refreshed,
            badSpends.size(),
            "grants at the fake against the store's refresh tokens"
                + examples(badSpends)
                + "; "
                + lateLost.size()
                + " rotation(s) the provider made after the time budget, whose answer the app"
                + " never got, left a spent refresh token in the store (OAuth's own limit)"
                + examples(lateLost)
                + "; "
                + storeDownLost.size()
                + " rotation(s) whose new tokens the store could not take (the refresh answered"
                + " 503) left the spent one there, with no second spend after it"
                + examples(storeDownLost)
                + "; "
                + killedLost.size()
                + " rotation(s) on the server the SIGKILL took down before it wrote them left the"
                + " spent one there, with no second spend after it"
                + examples(killedLost)));

    out.add(spentStates(traces, store, thinkMaxS));
    return out;
  }

  /**
   * The library spends a login's state in the transaction that writes the login, so a login the app
   * let through that left no spent state could be let through again by a replay of its callback.
   * The store holds one spent state per login let through, and one per callback that failed after
   * reading its state or was cut by the kill after its write, minus the expired ones later spends
   * swept: at least as many as the logins let through whose state cannot have expired yet.
   */
  static Check spentStates(List<Trace> traces, Store store, double thinkMaxS) {
    long letThrough = 0;
    long older = 0;
    for (Trace t : traces) {
      if (t.finishedId() == null) {
        continue;
      }
      if (t.startedNoEarlierThan(thinkMaxS) >= store.spent().from()) {
        letThrough++;
      } else {
        older++;
      }
    }
    return new Check(
        "every login let through spent its state in the store (a replay of its callback is"
            + " refused by the app itself)",
        letThrough,
        Math.max(0, letThrough - store.spent().runs()),
        String.format(
            java.util.Locale.ROOT,
            "%d spent state(s) in the store (%d there before the run taken off) for %d login(s)"
                + " let through that started from %s (states live %.0f s, less a %.0f s margin"
                + " before the count); %d earlier one(s) not counted, their states may have been"
                + " swept; callbacks that failed after reading their state, or were cut by the"
                + " kill, spend one too",
            store.spent().counted(),
            store.spent().counted() - store.spent().runs(),
            letThrough,
            store.spent().from() <= 0
                ? "the run's start"
                : String.format(java.util.Locale.ROOT, "%.0f s of the run", store.spent().from()),
            STATE_LIFETIME_S,
            SPENT_MARGIN_S,
            older));
  }

  /** " (e.g. a, b, c)" for the first few cases that broke an invariant, or nothing. */
  static String examples(List<String> ids) {
    if (ids.isEmpty()) {
      return "";
    }
    return " (e.g. " + String.join(", ", ids.subList(0, Math.min(5, ids.size()))) + ")";
  }

  /**
   * attempted = succeeded + failed cleanly (+ cut by the kill), with nothing else: no 500, no other
   * status, no answer with a stack trace, no step longer than {@code limitMs}.
   *
   * @param overLimit requests (of logins and hostile inputs) that took longer than the limit, each
   *     with its step, when it started and how long it took
   */
  static Check accounting(List<Trace> traces, List<String> overLimit, double limitMs) {
    long ok = 0;
    long clean = 0;
    long cut = 0;
    long unclean = 0;
    for (Trace t : traces) {
      switch (t.outcome()) {
        case OK -> ok++;
        case CLEAN -> clean++;
        case CUT -> cut++;
        case UNCLEAN -> unclean++;
      }
    }
    return new Check(
        "attempted = succeeded + failed cleanly (400/502/503), no 500, no request over "
            + Math.round(limitMs)
            + " ms",
        traces.size(),
        unclean + overLimit.size(),
        traces.size()
            + " = "
            + ok
            + " succeeded + "
            + clean
            + " failed cleanly + "
            + cut
            + " cut by the SIGKILL + "
            + unclean
            + " other; "
            + overLimit.size()
            + " request(s) over the limit"
            + examples(overLimit));
  }

  /** Success ratio per second in which logins ended: succeeded / ended, NaN where none ended. */
  static double[] successBySecond(List<Trace> traces, int seconds) {
    double[] due = new double[seconds];
    double[] ok = new double[seconds];
    for (Trace t : traces) {
      int s = (int) Math.floor(t.at());
      if (s >= 0 && s < seconds) {
        due[s]++;
        if (t.outcome() == Outcome.OK) {
          ok[s]++;
        }
      }
    }
    double[] out = new double[seconds];
    for (int s = 0; s < seconds; s++) {
      out[s] = due[s] == 0 ? Double.NaN : ok[s] / due[s];
    }
    return out;
  }

  /**
   * How a fault hurt: the success ratio before it, the worst 3-second ratio from its start, and the
   * seconds from its start until the ratio was back to 99% of before and stayed there.
   *
   * @param before the mean ratio of up to 10 s before the fault
   * @param worst the lowest ratio of a 3 s window from its start until it was back
   * @param back seconds from the fault's start; NaN if it never came back before {@code until}
   */
  record Recovery(double before, double worst, double back) {}

  /** The window over which a ratio is judged: one second alone is too few logins at low rates. */
  static final int WINDOW = 3;

  /** How long a ratio must stay back (or until the next fault) to count as back. */
  static final int STAY = 10;

  /**
   * The success ratio before fault {@code i}: of the 10 s before it, the seconds outside every
   * earlier fault and the {@link #STAY} seconds after it; where that leaves none (faults close
   * together), the seconds before the first fault.
   */
  static double levelBefore(double[] ratio, List<SoakSchedule.Fault> faults, int i) {
    int start = (int) Math.floor(faults.get(i).at());
    double sum = 0;
    int n = 0;
    for (int s = Math.max(0, start - 10); s < start && s < ratio.length; s++) {
      boolean quiet = true;
      for (int j = 0; j < i; j++) {
        SoakSchedule.Fault f = faults.get(j);
        if (s + 1 > f.at() && s < f.end() + STAY) {
          quiet = false;
        }
      }
      if (quiet && !Double.isNaN(ratio[s])) {
        sum += ratio[s];
        n++;
      }
    }
    if (n > 0) {
      return sum / n;
    }
    return i == 0 ? Double.NaN : mean(ratio, 0, (int) Math.floor(faults.get(0).at()));
  }

  /**
   * @param ratio success ratio per second ({@link #successBySecond})
   * @param before the level to come back to ({@link #levelBefore})
   * @param start the fault's first second
   * @param until the next fault's start or the run's end: recovery is looked for before it
   */
  static Recovery recovery(double[] ratio, double before, int start, int until) {
    double target = 0.99 * before;
    double worst = Double.NaN;
    for (int s = start; s + WINDOW <= until; s++) {
      double w = mean(ratio, s, s + WINDOW);
      if (Double.isNaN(worst) || w < worst) {
        worst = w;
      }
      if (w >= target) {
        boolean stays = true;
        for (int k = s + 1; k + WINDOW <= Math.min(until, s + STAY); k++) {
          if (mean(ratio, k, k + WINDOW) < target) {
            stays = false;
            break;
          }
        }
        if (stays) {
          return new Recovery(before, worst, s + WINDOW - start);
        }
      }
    }
    return new Recovery(before, worst, Double.NaN);
  }

  private static double mean(double[] v, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int i = Math.max(0, from); i < Math.min(v.length, to); i++) {
      if (!Double.isNaN(v[i])) {
        sum += v[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** How long a process restarted during the run is left to warm up before it is judged. */
  static final double WARM_UP = 10;

  /**
   * Whether a resource stayed flat over the last half of a run: the mean of the last quarter is at
   * most the mean of the third quarter plus {@code tolerance} (an absolute amount, so that a small
   * count's noise is no growth) or 10%, whichever is more. A process that started during the run (a
   * server the schedule restarted) is judged from {@link #WARM_UP} seconds after its first reading
   * if that is later: its pools and connections fill as the balancer sends it work again, which is
   * no leak.
   *
   * @param samples (seconds, value) pairs in time order
   */
  static Flatness flatness(List<double[]> samples, double runSeconds, double tolerance) {
    double from = runSeconds / 2;
    if (!samples.isEmpty() && samples.get(0)[0] > WARM_UP) {
      from = Math.max(from, samples.get(0)[0] + WARM_UP);
    }
    double mid = (from + runSeconds) / 2;
    double a = 0;
    int na = 0;
    double b = 0;
    int nb = 0;
    for (double[] s : samples) {
      if (s[0] >= from && s[0] < mid) {
        a += s[1];
        na++;
      } else if (s[0] >= mid) {
        b += s[1];
        nb++;
      }
    }
    if (na == 0 || nb == 0) {
      // Too few readings to tell (a process that ended, a short run).
      return new Flatness(Double.NaN, Double.NaN, false);
    }
    a /= na;
    b /= nb;
    return new Flatness(a, b, b <= a + Math.max(tolerance, 0.10 * Math.abs(a)));
  }

  /**
   * The means of the first and the second half of the judged part (the third and the last quarter
   * of the run, for a process that ran from its start), and whether the second is within tolerance.
   */
  record Flatness(double thirdQuarter, double lastQuarter, boolean flat) {}
}
