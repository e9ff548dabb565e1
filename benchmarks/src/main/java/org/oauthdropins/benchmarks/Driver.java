package org.oauthdropins.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Logs in as browsers would, in its own JVM: POST the start form (with the {@code Origin} and
 * {@code Sec-Fetch-Site} a browser sends), follow to the fake's authorize, follow back to the
 * callback with the cookies, load the final page. Each login is a new browser (an empty cookie
 * jar); each virtual user keeps its connections alive, as a browser does.
 *
 * <p>For a fleet, the browser sees one base URL (the load balancer's) while its requests alternate
 * between the servers: a login starts on one and its callback lands on the other. Like a load
 * balancer that passes the {@code Host} through, the driver sends the base URL's host to either.
 *
 * <p>{@code drive --base URL --ports A[,B] --pids P[,Q] --seconds S --window W --warmup-max M
 * [--levels C,...]} prints one JSON {@link Results.Drive}.
 */
final class Driver {

  private final Browser browser;
  private final int[] ports;
  private final long[] pids;
  private final AtomicLong loginCounter = new AtomicLong();

  Driver(URI base, int[] ports, long[] pids) {
    this.browser = new Browser(base, 5000, 30000);
    this.ports = ports;
    this.pids = pids;
  }

  static void main(Args args) throws Exception {
    Driver driver =
        new Driver(
            URI.create(args.value("base", "")),
            Arrays.stream(args.value("ports", "").split(",")).mapToInt(Integer::parseInt).toArray(),
            Arrays.stream(args.value("pids", "").split(",")).mapToLong(Long::parseLong).toArray());
    double seconds = Double.parseDouble(args.value("seconds", "20"));
    double window = Double.parseDouble(args.value("window", "5"));
    double warmupMax = Double.parseDouble(args.value("warmup-max", "60"));

    long warmStart = System.nanoTime();
    List<Double> windows = driver.warmUp(8, window, warmupMax);
    double warmup = (System.nanoTime() - warmStart) / 1e9;
    List<Results.Level> levels = new ArrayList<>();
    // --levels picks other concurrencies (and no repeat), for profiling one level by hand.
    String only = args.value("levels", null);
    int[] concurrencies =
        only == null
            ? new int[] {1, 8, 32}
            : Arrays.stream(only.split(",")).mapToInt(Integer::parseInt).toArray();
    for (int c : concurrencies) {
      levels.add(driver.level("c=" + c, c, seconds));
    }
    if (only == null) {
      // The same level again, late in the run: its distance from the first is the noise.
      levels.add(driver.level("c=8 (repeat)", 8, seconds));
    }
    System.out.println(
        new ObjectMapper().writeValueAsString(new Results.Drive(warmup, windows, levels)));
  }

  /**
   * Runs at concurrency c in windows until the app is warm, or time is up. Warm: two windows in a
   * row differ by less than 5% in logins per second, and in the last one the JIT compiler used less
   * than 5% of the app's CPU. Throughput alone stopped the warm-up of the library's app while its
   * compiler threads still used an eighth of its CPU, which the levels then counted per login: a
   * one-time cost of the first minute, not the steady state the levels are for. (Without /proc,
   * throughput alone decides.)
   */
  List<Double> warmUp(int c, double window, double max) throws Exception {
    List<Double> rates = new ArrayList<>();
    long end = System.nanoTime() + (long) (max * 1e9);
    while (System.nanoTime() < end) {
      Map<String, Long> before = threadTicks();
      Run run = run(c, window);
      Map<String, Long> after = threadTicks();
      rates.add(run.logins / run.seconds);
      int n = rates.size();
      if (n >= 2) {
        double a = rates.get(n - 2);
        double b = rates.get(n - 1);
        if (Math.abs(a - b) < 0.05 * Math.max(a, b) && compilerShare(before, after) < 0.05) {
          break;
        }
      }
    }
    return rates;
  }

  /** The JIT compiler's part of all the app's CPU between two readings; 0 without /proc. */
  private static double compilerShare(Map<String, Long> before, Map<String, Long> after) {
    long all = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      all += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
    }
    long jit =
        Math.max(
            0, after.getOrDefault("JIT compiler", 0L) - before.getOrDefault("JIT compiler", 0L));
    return all == 0 ? 0 : (double) jit / all;
  }

  Results.Level level(String label, int c, double seconds) throws Exception {
    long heapBefore = sum("/bench/heap");
    long cpuBefore = sum("/bench/cpu");
    Map<String, Long> threadsBefore = threadTicks();
    Run run = run(c, seconds);
    long cpuAfter = sum("/bench/cpu");
    Map<String, Long> threadsAfter = threadTicks();
    double rss = 0;
    for (long pid : pids) {
      rss += rssKb(pid) / 1024.0;
    }
    long heapAfter = sum("/bench/heap");
    long[] lat = run.latencies;
    Arrays.sort(lat);
    long n = Math.max(run.logins, 1);
    return new Results.Level(
        label,
        c,
        run.seconds,
        run.logins,
        run.errors,
        run.logins / run.seconds,
        percentile(lat, 0.50),
        percentile(lat, 0.99),
        (cpuAfter - cpuBefore) / 1e6 / n,
        rss,
        (double) (heapAfter - heapBefore) / n,
        byThread(threadsBefore, threadsAfter, n),
        run.firstError);
  }

  /** Linux's USER_HZ, the unit of the CPU times in /proc: 100 on every common kernel build. */
  private static final double MS_PER_TICK = 10;

  /** The CPU milliseconds per login that each kind of thread used over a level. */
  private static Map<String, Double> byThread(
      Map<String, Long> before, Map<String, Long> after, long logins) {
    Map<String, Double> out = new TreeMap<>();
    after.forEach(
        (kind, ticks) ->
            out.put(
                kind, Math.max(0, ticks - before.getOrDefault(kind, 0L)) * MS_PER_TICK / logins));
    return out;
  }

  /**
   * CPU clock ticks of the app processes by kind of thread, from /proc (Linux; empty elsewhere).
   * JFR samples only threads running Java code, so the JIT compiler, GC and threads that were
   * started and ended during the level show only here.
   */
  Map<String, Long> threadTicks() {
    Map<String, Long> out = new TreeMap<>();
    for (long pid : pids) {
      try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
        long live = 0;
        for (Path t : tasks.toList()) {
          long ticks = ticks(t.resolve("stat"));
          out.merge(threadKind(Files.readString(t.resolve("comm")).strip()), ticks, Long::sum);
          live += ticks;
        }
        out.merge("threads that ended", ticks(Path.of("/proc/" + pid + "/stat")) - live, Long::sum);
      } catch (IOException | RuntimeException e) {
        return Map.of(); // not Linux, or the process is gone
      }
    }
    return out;
  }

  /**
   * utime plus stime: fields 14 and 15, counted after the parenthesised name, which may hold
   * spaces.
   */
  private static long ticks(Path stat) throws IOException {
    String line = Files.readString(stat);
    String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  static String threadKind(String name) {
    if (name.startsWith("qtp")) {
      return "Jetty request threads";
    }
    if (name.contains("CompilerThre")) {
      return "JIT compiler";
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
      return "GC and VM";
    }
    if (name.startsWith("HttpClient-")) {
      return "JDK HttpClient threads";
    }
    return "other";
  }

  private record Run(
      long logins, long errors, double seconds, long[] latencies, String firstError) {}

  private Run run(int c, double seconds) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    long[][] perThread = new long[c][];
    int[] counts = new int[c];
    Thread[] threads = new Thread[c];
    for (int t = 0; t < c; t++) {
      int me = t;
      threads[t] =
          new Thread(
              () -> {
                long[] mine = new long[1024];
                int k = 0;
                while (System.nanoTime() < deadline) {
                  long t0 = System.nanoTime();
                  try {
                    login();
                    if (k == mine.length) {
                      mine = Arrays.copyOf(mine, k * 2);
                    }
                    mine[k++] = System.nanoTime() - t0;
                  } catch (IOException | RuntimeException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                  }
                }
                perThread[me] = mine;
                counts[me] = k;
              },
              "browser-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < c; t++) {
      System.arraycopy(perThread[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    return new Run(total, errors.get(), elapsed, all, firstError.get());
  }

  /** One login, as a new browser; throws if any step answers other than a browser expects. */
  void login() throws IOException {
    long i = loginCounter.getAndIncrement();
    int first = ports[(int) (i % ports.length)];
    int second = ports[(int) ((i + 1) % ports.length)];
    Map<String, String> jar = new HashMap<>();
    Browser.Answer start = browser.app("POST", first, "/github/start", jar);
    expect("start", start, 302);
    Browser.Answer authorize =
        browser.send("GET", URI.create(start.location()), null, null, Map.of(), "");
    expect("authorize", authorize, 302);
    Browser.Answer callback =
        browser.app("GET", second, browser.pathAndQuery(authorize.location()), jar);
    expect("callback", callback, 302);
    Browser.Answer after =
        browser.app("GET", second, browser.pathAndQuery(callback.location()), jar);
    expect("after", after, 200);
    if (!after.body().contains("Hello")) {
      throw new IOException("the final page greets nobody");
    }
  }

  private static void expect(String step, Browser.Answer a, int status) throws IOException {
    if (a.status() != status) {
      String body = a.body().length() > 120 ? a.body().substring(0, 120) : a.body();
      throw new IOException(step + " answered " + a.status() + ": " + body.strip());
    }
  }

  private long sum(String probe) throws IOException {
    long total = 0;
    for (int port : ports) {
      Browser.Answer a =
          browser.send(
              "GET", URI.create("http://127.0.0.1:" + port + probe), null, null, Map.of(), "");
      total += Long.parseLong(a.body().strip());
    }
    return total;
  }

  /** The resident set of a process in KiB, from Linux's /proc. */
  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(i, 0)] / 1e6;
  }
}
