package org.oauthdropins.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.oauthdropins.benchmarks.SoakChecks.Check;
import org.oauthdropins.benchmarks.SoakChecks.Outcome;
import org.oauthdropins.benchmarks.SoakChecks.Recovery;
import org.oauthdropins.benchmarks.SoakChecks.Trace;
import org.oauthdropins.benchmarks.SoakSchedule.Fault;

/** RELIABILITY.md and its latency plot, from one soak. */
final class SoakReport {

  private SoakReport() {}

  /** How much a resource may grow over the last half and still be flat, by metric. */
  static final Map<String, Double> TOLERANCE =
      Map.of("heap MB", 16.0, "threads", 8.0, "fds", 16.0, "sockets", 16.0, "connections", 8.0);

  static Check hostileCheck(Map<String, Long> answers) {
    long sent = 0;
    long bad = 0;
    for (Map.Entry<String, Long> e : answers.entrySet()) {
      String[] kindStatus = e.getKey().split(" ");
      int status = Integer.parseInt(kindStatus[1]);
      sent += e.getValue();
      boolean abandoned = kindStatus[0].equals(SoakDriver.Hostile.ABANDONED_START.name());
      boolean ok = abandoned ? status == 302 || status == 503 : status >= 400 && status < 500;
      if (!ok && status != -1) {
        bad += e.getValue();
      }
    }
    return new Check(
        "every hostile input refused with a 4xx (an abandoned start: a 302), never a 5xx",
        sent,
        bad,
        "the attack suite's inputs at ten times the login rate; cut by the kill not counted");
  }

  static Check healthCheck(List<Soak.Sample> samples, double seconds) {
    long series = 0;
    long growing = 0;
    for (Map.Entry<String, List<double[]>> e : series(samples).entrySet()) {
      String metric = e.getKey().substring(e.getKey().indexOf(" / ") + 3);
      SoakChecks.Flatness f =
          SoakChecks.flatness(e.getValue(), seconds, TOLERANCE.getOrDefault(metric, 0.0));
      if (endedEarly(e.getValue(), seconds) || Double.isNaN(f.lastQuarter())) {
        continue; // killed in the first half, or restarted too late to judge
      }
      series++;
      if (!f.flat()) {
        growing++;
      }
    }
    return new Check(
        "heap after GC, threads, file descriptors, sockets and the store's connections flat over"
            + " the last half",
        series,
        growing,
        "per process: last quarter's mean within 10% (or a small absolute amount) of the third"
            + " quarter's");
  }

  private static boolean endedEarly(List<double[]> series, double seconds) {
    return series.get(series.size() - 1)[0] < seconds / 2;
  }

  /** Samples by "process / metric", each a list of (seconds, value). */
  private static Map<String, List<double[]>> series(List<Soak.Sample> samples) {
    Map<String, List<double[]>> out = new TreeMap<>();
    for (Soak.Sample s : samples) {
      if (!Double.isNaN(s.value())) {
        out.computeIfAbsent(s.process() + " / " + s.metric(), k -> new ArrayList<>())
            .add(new double[] {s.at(), s.value()});
      }
    }
    return out;
  }

  /** The configurations, in the order of their sections in the file. */
  static final List<String> SECTIONS = List.of("postgres", "datastore");

  /**
   * The whole file with one configuration's section replaced by {@code section} (or added), the
   * other's kept as it was: two runs, one per store, make the file.
   *
   * @param existing the file as it is, or null if there is none
   */
  static String file(String existing, String id, String section) {
    StringBuilder md = new StringBuilder(FILE_HEAD);
    for (String each : SECTIONS) {
      String body = each.equals(id) ? section : sectionOf(existing, each);
      if (body != null) {
        md.append('\n')
            .append(begin(each))
            .append('\n')
            .append(body.strip())
            .append('\n')
            .append(end(each))
            .append('\n');
      }
    }
    return md.toString();
  }

  /** One configuration's section of a file as it is, without its markers; null if it has none. */
  static String sectionOf(String existing, String id) {
    if (existing == null) {
      return null;
    }
    int from = existing.indexOf(begin(id));
    int to = existing.indexOf(end(id));
    if (from < 0 || to < from) {
      return null;
    }
    return existing.substring(from + begin(id).length(), to);
  }

  private static String begin(String id) {
    return "<!-- soak:" + id + " -->";
  }

  private static String end(String id) {
    return "<!-- /soak:" + id + " -->";
  }

  private static final String FILE_HEAD =
      """
      # Reliability: a soak with faults

      Written by the soak command (issue 23, part 1), one section per configuration of the fleet: \
      two library servers on one PostgreSQL, and the same on one Datastore emulator. Each run \
      rewrites its own section and keeps the other, so two runs make this file:

      ```sh
      benchmarks/run --soak                      # PostgreSQL (10 minutes)
      benchmarks/run --soak --store datastore    # the Datastore emulator (10 minutes)
      ```

      Every figure of a section is from its run's own output; each section names its command, \
      machine and date.
      """;

  static String markdown(
      SoakStore store,
      Soak.Settings settings,
      String command,
      double rate,
      String rateNote,
      List<Trace> traces,
      List<Check> checks,
      Map<String, Long> hostile,
      Map<String, Long> overLimitBy,
      Map<String, long[]> stepTimes,
      String firstUnclean,
      List<Soak.Sample> samples,
      List<String> events,
      String svg,
      String note) {
    StringBuilder md = new StringBuilder("## ").append(store.title()).append("\n\n");
    if (note != null) {
      md.append("> ").append(note).append("\n\n");
    }
    Report.machine(md);
    int seconds = (int) Math.ceil(settings.seconds());
    md.append("| run | |\n|---|---|\n");
    md.append("| command | `").append(command).append("` |\n");
    md.append("| fleet | ").append(store.fleet(settings)).append(" |\n");
    md.append(
        "| provider | a fake GitHub in its own JVM: expiring tokens with single-use refresh"
            + " tokens (a second spend revokes the grant), REST `GET /user` |\n");
    md.append("| load | ")
        .append(fmt(rate, 0))
        .append(" logins/s due at fixed times (")
        .append(rateNote)
        .append("), for ")
        .append(fmt(settings.seconds(), 0))
        .append(" s: ")
        .append(fmt(traces.size(), 0))
        .append(
            " logins. Each: POST start, the provider's consent, callback, finish page, the page's"
                + " load of the user's data (the stored login and a signed API call), and for ")
        .append(fmt(settings.refreshShare() * 100, 0))
        .append("% a forced refresh; each step on the other server than the one before; ")
        .append(settings.thinkMs())
        .append(
            " ms on the consent page on average (0 to twice that, not counted in the latency) |\n");
    md.append("| time budget | ")
        .append(settings.budgetMs())
        .append(" ms for the provider's fetches of one browser request; no request may take over ")
        .append(settings.limitMs())
        .append(" ms (budget plus ")
        .append(settings.marginMs())
        .append(" ms) |\n");
    md.append("| faults | `").append(settings.scheduleSpec()).append("` |\n\n");

    faults(md, settings, traces);
    md.append("What happened when (seconds into the run):\n\n```\n");
    events.forEach(e -> md.append(e).append('\n'));
    md.append("```\n\n");

    md.append("### Invariants, checked from the store and the fake at the end\n\n");
    md.append("| invariant | cases | broken | | how |\n|---|---:|---:|---|---|\n");
    for (Check c : checks) {
      md.append("| ")
          .append(c.name())
          .append(" | ")
          .append(c.checked())
          .append(" | ")
          .append(c.broken())
          .append(" | ")
          .append(c.holds() ? "holds" : "**BROKEN**")
          .append(" | ")
          .append(c.note())
          .append(" |\n");
    }
    if (firstUnclean != null) {
      md.append("\nFirst failure that was not clean: `")
          .append(firstUnclean.replace('`', '\''))
          .append("`\n");
    }
    if (!overLimitBy.isEmpty()) {
      md.append("\nRequests over the limit, by step: ").append(overLimitBy).append('\n');
    }

    md.append("\n### Latency\n\n");
    md.append("![Login latency percentiles over the run, faults shaded](")
        .append(svg)
        .append(")\n\n");
    long[] ok =
        traces.stream()
            .filter(t -> t.outcome() == Outcome.OK)
            .mapToLong(t -> (long) (t.latencyMs() * 1000))
            .sorted()
            .toArray();
    md.append("Logins that succeeded, from when each was due to its last answer: p50 ")
        .append(fmt(pct(ok, 0.50) / 1000, 1))
        .append(" ms, p90 ")
        .append(fmt(pct(ok, 0.90) / 1000, 1))
        .append(" ms, p99 ")
        .append(fmt(pct(ok, 0.99) / 1000, 1))
        .append(" ms, max ")
        .append(fmt(pct(ok, 1.0) / 1000, 1))
        .append(" ms.\n\n");
    md.append("Each step's requests (all of them, faults included), in ms:\n\n");
    md.append("| step | requests | p50 | p90 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n");
    stepTimes.forEach(
        (step, ns) ->
            md.append("| ")
                .append(step)
                .append(" | ")
                .append(ns.length)
                .append(" | ")
                .append(fmt(pct(ns, 0.50) / 1e6, 1))
                .append(" | ")
                .append(fmt(pct(ns, 0.90) / 1e6, 1))
                .append(" | ")
                .append(fmt(pct(ns, 0.99) / 1e6, 1))
                .append(" | ")
                .append(fmt(pct(ns, 1.0) / 1e6, 1))
                .append(" |\n"));
    md.append('\n');
    failures(md, traces);
    md.append(
        "### Hostile burst: answers by input\n\n| input | answers (status: count; 0 = no answer, -1 = cut by the kill) |\n|---|---|\n");
    Map<String, Map<String, Long>> byKind = new TreeMap<>();
    hostile.forEach(
        (k, v) -> {
          String[] ks = k.split(" ");
          byKind.computeIfAbsent(ks[0], x -> new TreeMap<>()).put(ks[1], v);
        });
    byKind.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));

    md.append("\n### Resources over the last half\n\n");
    md.append("Sampled every ")
        .append(fmt(settings.healthEvery(), 0))
        .append(
            " s: each app's heap after two `System.gc()` calls, its threads, file descriptors and"
                + " sockets (/proc), and PostgreSQL's client connections or the Datastore"
                + " emulator's threads, file descriptors and sockets. A server killed or a store"
                + " restarted by the schedule is a new process (pid) after its restart.\n\n");
    md.append(
        "| process / metric | mean, third quarter | mean, last quarter | flat |\n|---|---:|---:|---|\n");
    series(samples)
        .forEach(
            (k, v) -> {
              String metric = k.substring(k.indexOf(" / ") + 3);
              SoakChecks.Flatness f =
                  SoakChecks.flatness(v, settings.seconds(), TOLERANCE.getOrDefault(metric, 0.0));
              if (endedEarly(v, settings.seconds())) {
                md.append("| ")
                    .append(k)
                    .append(" | ended in the first half (killed, or a store stopped) | | |\n");
                return;
              }
              if (Double.isNaN(f.lastQuarter())) {
                md.append("| ").append(k).append(" | too few readings after its warm-up | | |\n");
                return;
              }
              md.append("| ")
                  .append(k)
                  .append(" | ")
                  .append(fmt(f.thirdQuarter(), 1))
                  .append(" | ")
                  .append(fmt(f.lastQuarter(), 1))
                  .append(" | ")
                  .append(f.flat() ? "yes" : "**no**")
                  .append(" |\n");
            });
    md.append('\n');
    md.append(how(store));
    return md.toString();
  }

  /** How the figures are made and how to run it again. */
  private static String how(SoakStore store) {
    return """
        ### How it is measured

        One process each: a fake GitHub (`fake --soak`), %s, sharing one key ring \
        (`OAUTH_DROPINS_KEYS`). The runner's browsers act as a balancer would: a login's steps \
        alternate between the servers, a refused connection goes to the other server, and after \
        a server is killed the balancer notices within half a second. The fake's faults hit its \
        back channel only (token, GraphQL, `GET /user`), for the given share of requests: 503 \
        with an HTML page; an answer after the budget plus 1 s (the fake then does the work, so a \
        refresh it rotates late is a rotation the app never hears of); a TCP reset (linger 0) \
        with no answer. The hostile burst sends, in turn, a cross-site start, a GET start, a \
        start for another host, a forged state, a 6,000-character state, a callback without \
        state, and a start that never comes back.

        The invariants are read at the end from the fake's ledger (every grant: codes redeemed, \
        refresh tokens spent, second spends, revocations, fingerprints of its live tokens), the \
        store's own rows or entities (logins by key, the count of spent states, read with %s) and \
        each stored login as the library loads it (an app's `/soak/audit`, fingerprints of its \
        tokens), against what each browser saw. A request over the limit is one the browser \
        waited for longer than the budget plus the margin. `benchmarks/target/soak` keeps the \
        logs, `traces.csv` (every login), `ledger.json` and `stored.json`.

        Run it: `benchmarks/run --soak [--store postgres|datastore] [--seconds S] [--rate R] \
        [--faults SCHEDULE] [--refresh-share F] [--budget-ms B] [--margin-ms M] \
        [--pool-timeout-ms P] [--think-ms T] [--warm-up S] [--note TEXT] [--out FILE]`; \
        defaults: postgres, 600 s, half the capacity measured just before, the schedule above, \
        0.2, 2000, 1500, 1000, 1000, 10, `benchmarks/RELIABILITY.md` (this section only). A \
        schedule is `kind@start[+length][:share]`, comma-separated, times in seconds or %% of the \
        run, kinds `pg-stop` (PostgreSQL) or `emulator-stop` (the emulator), `kill`, `5xx`, \
        `slow`, `reset`, `hostile`; faults may not overlap, so that each one's figures are their \
        own. The short form runs in the build: `SoakShortTest` (benchmarks module) runs this \
        command on each store for 45 s with two faults (the store's outage and a kill) and fails \
        on any broken invariant.
        """
        .formatted(
            store.how(),
            store instanceof SoakStore.Postgres ? "JDBC" : "the Google Datastore client");
  }

  private static void faults(StringBuilder md, Soak.Settings settings, List<Trace> traces) {
    int seconds = (int) Math.ceil(settings.seconds());
    double[] ratio = SoakChecks.successBySecond(traces, seconds);
    md.append("### Faults\n\n");
    md.append(
        "Per fault: the logins that ended from its start until the success ratio was back (or until the"
            + " next fault), how many of them failed and how, the success ratio in the 10 s before"
            + " it, the worst 3 s after its start, and the time from its start until the ratio of a"
            + " 3 s window was back to 99% of the ratio before and stayed there for 10 s (or until"
            + " the next fault; 3 s, a window's length, is the shortest it can tell). The events"
            + " below say when each fault really ended (a restart takes its time).\n\n");
    md.append(
        "| fault | scheduled window (s) | logins ended | failed | clean 400/502/503 | cut by the kill | other |"
            + " success before | worst 3 s | back to 99% after | failed steps |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    List<Fault> faults = settings.schedule().faults();
    for (int i = 0; i < faults.size(); i++) {
      Fault f = faults.get(i);
      int start = (int) Math.floor(f.at());
      int until = i + 1 < faults.size() ? (int) Math.floor(faults.get(i + 1).at()) : seconds;
      Recovery r =
          SoakChecks.recovery(ratio, SoakChecks.levelBefore(ratio, faults, i), start, until);
      double to = Double.isNaN(r.back()) ? until : Math.max(f.end(), f.at() + r.back());
      long due = 0;
      long[] byOutcome = new long[Outcome.values().length];
      Map<String, Long> what = new TreeMap<>();
      for (Trace t : traces) {
        if (t.at() >= f.at() && t.at() < to) {
          due++;
          byOutcome[t.outcome().ordinal()]++;
          if (t.outcome() != Outcome.OK) {
            what.merge(
                t.step() + " " + (t.status() == 0 ? "no answer" : t.status()), 1L, Long::sum);
          }
        }
      }
      md.append("| ")
          .append(f.label())
          .append(" | ")
          .append(fmt(f.at(), 1))
          .append("–")
          .append(fmt(f.end(), 1))
          .append(" | ")
          .append(due)
          .append(" | ")
          .append(due - byOutcome[Outcome.OK.ordinal()])
          .append(" | ")
          .append(byOutcome[Outcome.CLEAN.ordinal()])
          .append(" | ")
          .append(byOutcome[Outcome.CUT.ordinal()])
          .append(" | ")
          .append(byOutcome[Outcome.UNCLEAN.ordinal()])
          .append(" | ")
          .append(pctText(r.before()))
          .append(" | ")
          .append(pctText(r.worst()))
          .append(" | ")
          .append(
              Double.isNaN(r.back())
                  ? "not before " + fmt(until - f.at(), 0) + " s"
                  : fmt(r.back(), 0) + " s")
          .append(" | ");
      what.forEach((k, v) -> md.append(k).append(" ×").append(v).append("; "));
      md.append(" |\n");
    }
    md.append('\n');
  }

  private static void failures(StringBuilder md, List<Trace> traces) {
    Map<String, Long> counts = new TreeMap<>();
    Map<String, String> example = new LinkedHashMap<>();
    for (Trace t : traces) {
      if (t.outcome() == Outcome.OK) {
        continue;
      }
      String k = t.outcome() + " | " + t.step() + " | " + t.status();
      counts.merge(k, 1L, Long::sum);
      example.putIfAbsent(k, t.detail());
    }
    if (counts.isEmpty()) {
      return;
    }
    md.append("Failed logins by outcome, step and status, with one answer each:\n\n");
    md.append("| outcome | step | status | logins | an answer |\n|---|---|---:|---:|---|\n");
    counts.forEach(
        (k, v) ->
            md.append("| ")
                .append(k)
                .append(" | ")
                .append(v)
                .append(" | ")
                .append(
                    example
                        .get(k)
                        .replace('|', '/')
                        .replace('\n', ' ')
                        .substring(0, Math.min(120, example.get(k).length())))
                .append(" |\n"));
    md.append('\n');
  }

  /** Login latency percentiles per window of the run, log scale, faults shaded. */
  static String svg(List<Trace> traces, SoakSchedule schedule, double seconds) {
    double window = Math.max(2, Math.round(seconds / 45));
    int n = (int) Math.ceil(seconds / window);
    List<List<Double>> byWindow = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byWindow.add(new ArrayList<>());
    }
    for (Trace t : traces) {
      int w = (int) (t.at() / window);
      if (w >= 0 && w < n) {
        byWindow.get(w).add(t.latencyMs());
      }
    }
    double[] ps = {0.50, 0.90, 0.99, 1.0};
    String[] names = {"p50", "p90", "p99", "max"};
    String[] colors = {"#1b7837", "#2166ac", "#b2182b", "#999999"};
    int w = 860;
    int h = 340;
    int left = 60;
    int right = 110;
    int top = 20;
    int bottom = 40;
    double lo = 0;
    double hi = 5; // 1 ms to 100 s, log10
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
            w,
            h));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    double plotW = w - left - right;
    double plotH = h - top - bottom;
    for (Fault f : schedule.faults()) {
      double x0 = left + f.at() / seconds * plotW;
      double x1 = left + f.end() / seconds * plotW;
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"#fde0c5\"/>%n",
              x0,
              top,
              Math.max(1, x1 - x0),
              plotH));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" fill=\"#8c510a\">%s</text>%n",
              x0 + 2,
              top + 12,
              f.kind().word));
    }
    for (int d = 0; d <= (int) hi; d++) {
      double y = top + plotH - (d - lo) / (hi - lo) * plotH;
      String label = d < 3 ? (int) Math.pow(10, d) + " ms" : (int) Math.pow(10, d - 3) + " s";
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
              left,
              left + plotW,
              y,
              y,
              left - 4,
              y + 4,
              label));
    }
    int step = seconds <= 120 ? 10 : seconds <= 600 ? 60 : 120;
    for (int t = 0; t <= seconds; t += step) {
      double x = left + t / seconds * plotW;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d s</text>%n",
              x,
              h - bottom + 15,
              t));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">login latency by when the login ended (windows of %.0f s)</text>%n",
            left + plotW / 2,
            h - 6,
            window));
    for (int p = 0; p < ps.length; p++) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < n; i++) {
        List<Double> v = byWindow.get(i);
        if (v.isEmpty()) {
          continue;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double ms = a[Math.max(0, (int) Math.ceil(ps[p] * a.length) - 1)];
        double lg = Math.max(lo, Math.min(hi, Math.log10(Math.max(ms, 1))));
        double x = left + (i + 0.5) * window / seconds * plotW;
        double y = top + plotH - (lg - lo) / (hi - lo) * plotH;
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
              colors[p],
              pts.toString().strip()));
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                  + "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
              left + plotW + 10,
              left + plotW + 30,
              top + 20 + p * 16,
              top + 20 + p * 16,
              colors[p],
              left + plotW + 34,
              top + 24 + p * 16,
              names[p]));
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
  }

  private static String pctText(double ratio) {
    return Double.isNaN(ratio) ? "–" : fmt(ratio * 100, 1) + "%";
  }

  private static String fmt(double v, int decimals) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
