package org.oauthdropins.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.oauthdropins.benchmarks.SoakChecks.Check;
import org.oauthdropins.benchmarks.SoakChecks.Grant;
import org.oauthdropins.benchmarks.SoakChecks.Stored;
import org.oauthdropins.benchmarks.SoakChecks.Trace;
import org.oauthdropins.benchmarks.SoakSchedule.Fault;
import org.oauthdropins.keys.KeyRing;

/**
 * {@code soak}: the soak and fault run (issue 23). A fake GitHub ({@code fake --soak}), one store
 * ({@link SoakStore}: PostgreSQL, or the Datastore emulator with {@code --store datastore}) and a
 * fleet of two library apps on it, each its own process; logins due at a fixed rate for a
 * configured time while the schedule's faults are injected; then the invariants, checked from the
 * store and the fake, and {@code benchmarks/RELIABILITY.md} with a plot.
 *
 * <p>{@code soak [--store postgres|datastore] [--seconds S] [--rate R] [--faults SCHEDULE]
 * [--refresh-share F] [--budget-ms B] [--margin-ms M] [--pool-timeout-ms P] [--think-ms T]
 * [--health-every S] [--warm-up S] [--work DIR] [--out FILE]}: without {@code --rate}, the rate is
 * half the fleet's capacity as measured for 10 s at concurrency 8 just before (the half leaves room
 * to catch up after a fault). Defaults: 600 s, {@link SoakSchedule#DEFAULT}, a refresh for 20% of
 * the logins, a 2 s budget with a 1.5 s margin, a wait of 1 s for a pooled connection, 1 s on the
 * consent page on average.
 */
final class Soak {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A health reading of one process at one moment of the run. */
  record Sample(double at, String process, String metric, double value) {}

  /** What the run was asked to do. */
  record Settings(
      String store,
      double seconds,
      double rate,
      double refreshShare,
      int budgetMs,
      int marginMs,
      int poolTimeoutMs,
      int thinkMs,
      double healthEvery,
      double warmUp,
      SoakSchedule schedule,
      String scheduleSpec) {

    static Settings of(Args args) {
      double seconds = Double.parseDouble(args.value("seconds", "600"));
      String store = args.value("store", "postgres");
      String spec = args.value("faults", SoakSchedule.defaultFor(store));
      SoakSchedule schedule = SoakSchedule.parse(spec, seconds);
      schedule.checkStore(store);
      return new Settings(
          store,
          seconds,
          Double.parseDouble(args.value("rate", "0")),
          Double.parseDouble(args.value("refresh-share", "0.2")),
          args.intValue("budget-ms", 2000),
          args.intValue("margin-ms", 1500),
          args.intValue("pool-timeout-ms", 1000),
          args.intValue("think-ms", 1000),
          Double.parseDouble(
              args.value("health-every", Double.toString(Math.max(5, seconds / 60)))),
          Double.parseDouble(args.value("warm-up", "10")),
          schedule,
          spec);
    }

    long limitMs() {
      return budgetMs + marginMs;
    }
  }

  /**
   * What a run found, for the command's caller (the short form in the build asserts on it): the
   * invariants, every login, what happened when, and the report written.
   *
   * @param faultsRun the faults whose start and end were both injected, by label
   * @param finishedElsewhere logins started on the killed server that finished on the other
   */
  record Result(
      List<Check> checks,
      List<Trace> traces,
      List<String> events,
      List<String> faultsRun,
      long finishedElsewhere,
      Map<String, Long> hostile,
      Path report) {}

  private final Settings settings;
  private final Path work;
  private final String fake;
  private final SoakStore store;
  private final Map<String, String> env;
  private final int[] ports;
  private final Process[] apps;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<String> faultsRun = new CopyOnWriteArrayList<>();
  private SoakDriver driver;

  private Soak(Settings settings, Path work, String fake, SoakStore store) {
    this.settings = settings;
    this.work = work;
    this.fake = fake;
    this.store = store;
    // Both servers seal and sign under one ring, as a fleet must (issue 24's OAUTH_DROPINS_KEYS).
    this.env = Map.of("OAUTH_DROPINS_KEYS", KeyRing.generate().spec());
    this.ports = new int[] {Procs.freePort(), Procs.freePort()};
    this.apps = new Process[2];
  }

  static void main(Args args) throws Exception {
    run(args);
  }

  /**
   * Runs the soak the arguments describe, writes its report section and returns what it found;
   * every process it started is stopped when it returns.
   */
  static Result run(Args args) throws Exception {
    // The driver sends the balancer's Host to both servers, and keeps many connections alive.
    System.setProperty("sun.net.http.allowRestrictedHeaders", "true");
    System.setProperty("http.maxConnections", "300");
    Settings settings = Settings.of(args);
    Path work = Path.of(args.value("work", "benchmarks/target/soak")).toAbsolutePath();
    Runner.deleteTree(work);
    Files.createDirectories(work.resolve("logs"));
    Path out = Path.of(args.value("out", "benchmarks/RELIABILITY.md"));

    int fakePort = Procs.freePort();
    Process fakeProcess =
        Procs.start(
            Procs.self("fake", "--soak", "--port", Integer.toString(fakePort)),
            Runner.log(work, "fake"),
            null);
    String fake = "http://127.0.0.1:" + fakePort;
    Soak soak = new Soak(settings, work, fake, SoakStore.of(settings.store(), work));
    try {
      Procs.waitFor200(fakeProcess, URI.create(fake + "/"), Runner.log(work, "fake"));
      // --note TEXT: a line above the figures; --note-file FILE: Markdown after them (what a
      // person found when looking into the run), both as given.
      String note = args.value("note", null);
      String noteFile = args.value("note-file", null);
      return soak.run(
          out,
          args.value("command", "benchmarks/run --soak"),
          note,
          noteFile == null ? null : Files.readString(Path.of(noteFile)));
    } finally {
      soak.stopAll();
      Procs.stop(fakeProcess);
    }
  }

  private void stopAll() {
    Procs.stop(apps[0]);
    Procs.stop(apps[1]);
    store.stop();
  }

  private Result run(Path out, String command, String note, String findings) throws Exception {
    store.start();
    for (int i = 0; i < apps.length; i++) {
      startApp(i);
    }
    get(fake + "/soak/fault?mode=none&budget-ms=" + settings.budgetMs());
    driver =
        new SoakDriver(
            URI.create("http://127.0.0.1:" + ports[0]),
            ports,
            settings.refreshShare(),
            settings.limitMs(),
            settings.thinkMs());
    long beforeRunAt = System.nanoTime();
    if (settings.warmUp() > 0) {
      say("warming up for " + settings.warmUp() + " s");
      driver.capacity(4, settings.warmUp());
    }
    double rate = settings.rate();
    String rateNote;
    if (rate <= 0) {
      double capacity = driver.capacity(8, 10);
      rate = Math.max(1, Math.floor(capacity / 2));
      rateNote =
          String.format(
              java.util.Locale.ROOT,
              "half the fleet's capacity measured just before (%.0f logins/s, 10 s at"
                  + " concurrency 8, no faults)",
              capacity);
    } else {
      rateNote = "given with --rate";
    }
    say("driving " + rate + " logins/s for " + settings.seconds() + " s");
    // The logins so far have no traces: the check of spent states takes theirs off.
    long spentBeforeRun = store.read().spentStates();
    driver.begin();
    // Taken after the run's clock started: it can only place those logins earlier than they were.
    double beforeRunFrom = -(System.nanoTime() - beforeRunAt) / 1e9;
    Thread faults = new Thread(this::injectFaults, "faults");
    Thread health = new Thread(this::sampleHealth, "health");
    faults.setDaemon(true);
    health.setDaemon(true);
    faults.start();
    health.start();
    SoakSchedule schedule = settings.schedule();
    driver.drive(
        rate,
        settings.seconds(),
        t -> {
          Fault f = schedule.at(t);
          return f != null && f.kind() == SoakSchedule.Kind.HOSTILE;
        });
    faults.join();
    driver.finish(60);
    health.interrupt();
    health.join();
    say("checking the invariants");

    List<Grant> ledger =
        JSON.readValue(get(fake + "/soak/ledger"), new TypeReference<List<Grant>>() {});
    SoakStore.Contents contents = store.read();
    // Taken after the read: a later count only makes fewer logins sure to have their state there.
    double countedAt = driver.now();
    List<String> ids = contents.loginIds();
    Map<String, Stored> stored = new HashMap<>();
    for (int from = 0; from < ids.size(); from += 500) {
      String body = String.join("\n", ids.subList(from, Math.min(ids.size(), from + 500)));
      stored.putAll(
          JSON.readValue(
              post("http://127.0.0.1:" + ports[0] + "/soak/audit", body),
              new TypeReference<Map<String, Stored>>() {}));
    }
    List<Trace> traces = driver.traces();
    writeTraces(traces);
    // What the checks read, beside the logs: for looking into a broken invariant.
    JSON.writeValue(work.resolve("ledger.json").toFile(), ledger);
    JSON.writeValue(work.resolve("stored.json").toFile(), stored);
    List<Check> checks =
        new ArrayList<>(
            SoakChecks.storeChecks(
                traces,
                ledger,
                new SoakChecks.Store(
                    stored,
                    new SoakChecks.Spent(
                        contents.spentStates(),
                        SoakChecks.spentFrom(countedAt),
                        spentBeforeRun,
                        beforeRunFrom)),
                // A browser stays on the consent page up to twice the mean (SoakDriver).
                2.0 * settings.thinkMs() / 1000));
    checks.add(0, SoakChecks.accounting(traces, driver.overLimit(), settings.limitMs()));
    checks.add(SoakReport.hostileCheck(driver.hostile()));
    checks.add(SoakReport.healthCheck(samples, settings.seconds()));
    String svgName = "reliability-latency-" + store.id() + ".svg";
    String md =
        SoakReport.markdown(
            store,
            settings,
            command,
            rate,
            rateNote,
            traces,
            checks,
            driver.hostile(),
            driver.overLimitBy(),
            driver.stepTimes(),
            driver.firstUnclean(),
            samples,
            events,
            svgName,
            note);
    Path svg = out.toAbsolutePath().resolveSibling(svgName);
    Files.createDirectories(svg.getParent());
    Files.writeString(svg, SoakReport.svg(traces, schedule, settings.seconds()));
    String existing = Files.exists(out) ? Files.readString(out) : null;
    Files.writeString(
        out,
        SoakReport.file(
            existing, store.id(), findings == null ? md : md + findings.strip() + "\n"));
    for (Check c : checks) {
      say(
          (c.holds() ? "holds  " : "BROKEN ")
              + c.name()
              + ": "
              + c.broken()
              + " of "
              + c.checked());
    }
    say("wrote " + out + " and " + svg);
    return new Result(
        checks,
        traces,
        List.copyOf(events),
        List.copyOf(faultsRun),
        driver.finishedElsewhere(),
        driver.hostile(),
        out);
  }

  /** Every login of the run, one a line, beside the logs: for looking into a failure. */
  private void writeTraces(List<Trace> traces) throws java.io.IOException {
    StringBuilder csv =
        new StringBuilder(
            "id,at_s,latency_ms,outcome,step,status,callback_status,finished_id,refreshed,detail\n");
    for (Trace t : traces) {
      csv.append(t.id())
          .append(',')
          .append(String.format(java.util.Locale.ROOT, "%.3f,%.1f", t.at(), t.latencyMs()))
          .append(',')
          .append(t.outcome())
          .append(',')
          .append(t.step())
          .append(',')
          .append(t.status())
          .append(',')
          .append(t.callbackStatus())
          .append(',')
          .append(t.finishedId())
          .append(',')
          .append(t.refreshed())
          .append(',')
          .append(
              t.detail() == null
                  ? ""
                  : '"' + t.detail().replace('"', '\'').replace('\n', ' ') + '"')
          .append('\n');
    }
    Files.writeString(work.resolve("traces.csv"), csv);
  }

  private void injectFaults() {
    try {
      for (Fault f : settings.schedule().faults()) {
        sleepUntil(f.at());
        event("start of " + f.label());
        switch (f.kind()) {
          case PG_STOP, EMULATOR_STOP -> store.stop();
          case KILL -> {
            driver.killing(1);
            apps[1].destroyForcibly().waitFor();
            // A balancer's health check notices a dead server after a moment, not at once.
            Thread.sleep(500);
            driver.takeDown(1);
          }
          case ERRORS, SLOW, RESET ->
              get(
                  fake
                      + "/soak/fault?mode="
                      + f.kind().name()
                      + "&share="
                      + f.share()
                      + "&delay-ms="
                      + (settings.budgetMs() + 1000));
          case HOSTILE -> {
            // the driver sends them while the schedule says so
          }
        }
        sleepUntil(f.end());
        switch (f.kind()) {
          case PG_STOP, EMULATOR_STOP -> store.start();
          case KILL -> {
            startApp(1);
            driver.bringUp(1);
          }
          case ERRORS, SLOW, RESET -> get(fake + "/soak/fault?mode=none");
          case HOSTILE -> {
            // nothing to undo
          }
        }
        event(
            "end of "
                + f.label()
                + (f.kind() == SoakSchedule.Kind.KILL
                    ? "; logins started on the killed server that finished on the other so far: "
                        + driver.finishedElsewhere()
                    : ""));
        faultsRun.add(f.label());
      }
    } catch (Exception e) {
      event("the fault injection failed: " + e);
    }
  }

  private void event(String what) {
    String line = String.format(java.util.Locale.ROOT, "%6.1f s  %s", driver.now(), what);
    events.add(line);
    say(line);
  }

  private void sleepUntil(double at) throws InterruptedException {
    long ms = (long) ((at - driver.now()) * 1000);
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  private void startApp(int i) {
    String p = Integer.toString(ports[i]);
    List<String> command =
        Procs.self(
            "app",
            "library",
            "--port",
            p,
            "--fake",
            fake,
            "--base-url",
            "http://127.0.0.1:" + ports[0]);
    command.addAll(store.appOptions());
    command.addAll(
        List.of(
            "--soak",
            "--budget-ms",
            Integer.toString(settings.budgetMs()),
            "--pool-timeout-ms",
            Integer.toString(settings.poolTimeoutMs())));
    apps[i] = Procs.start(command, Runner.log(work, "app-" + i), null, env);
    Procs.waitFor200(
        apps[i], URI.create("http://127.0.0.1:" + p + "/"), Runner.log(work, "app-" + i));
  }

  /**
   * Every few seconds: each app's heap after a full GC, threads, file descriptors and sockets (from
   * /proc), and PostgreSQL's client connections.
   */
  private void sampleHealth() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        double t = driver.now();
        for (int i = 0; i < apps.length; i++) {
          Process p = apps[i];
          if (p == null || !p.isAlive()) {
            continue;
          }
          String name = "app-" + i + " (pid " + p.pid() + ")";
          try {
            samples.add(
                new Sample(
                    t,
                    name,
                    "heap MB",
                    Long.parseLong(get("http://127.0.0.1:" + ports[i] + "/bench/heap").strip())
                        / 1048576.0));
          } catch (Exception e) {
            // down between the check and the read
          }
          samples.add(new Sample(t, name, "threads", count(p.pid(), "task", false)));
          samples.add(new Sample(t, name, "fds", count(p.pid(), "fd", false)));
          samples.add(new Sample(t, name, "sockets", count(p.pid(), "fd", true)));
        }
        store.sample(t, samples);
        Thread.sleep((long) (settings.healthEvery() * 1000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static double count(long pid, String dir, boolean socketsOnly) {
    try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/" + dir))) {
      return s.filter(
              f -> {
                if (!socketsOnly) {
                  return true;
                }
                try {
                  return Files.readSymbolicLink(f).toString().startsWith("socket:");
                } catch (Exception e) {
                  return false;
                }
              })
          .count();
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  private static String get(String url) throws Exception {
    return request("GET", url, null);
  }

  private static String post(String url, String body) throws Exception {
    return request("POST", url, body);
  }

  private static String request(String method, String url, String body) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(120_000);
    c.setRequestMethod(method);
    if (body != null) {
      c.setDoOutput(true);
      c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
    if (c.getResponseCode() != 200) {
      throw new IllegalStateException(method + " " + url + " answered " + c.getResponseCode());
    }
    try (var in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void say(String what) {
    System.out.println("[soak] " + what);
  }
}
