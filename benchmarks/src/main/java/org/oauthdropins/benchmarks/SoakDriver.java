package org.oauthdropins.benchmarks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.oauthdropins.benchmarks.SoakChecks.Outcome;
import org.oauthdropins.benchmarks.SoakChecks.Trace;
import org.oauthdropins.store.Key;

/**
 * The soak's browsers: logins due on a fixed schedule (an open loop: a slow answer does not slow
 * the arrivals, and a login's latency counts from when it was due), each one start, consent,
 * callback, finish page, the page's load of the user's data with a signed API call, and for a share
 * a forced refresh; plus, while a hostile burst is on, the attack suite's inputs at ten times the
 * rate.
 *
 * <p>Like a balancer in front of the fleet, it spreads each login's steps over both servers (a
 * login started on one finishes on the other), sends nothing to a server the runner took down, and
 * sends a request whose connection was refused to the other server. A request cut off by the
 * SIGKILL of its server is what a balancer answers with a 502: counted as cut, not as the
 * library's.
 */
final class SoakDriver {

  /** One hostile input of the burst and what the library must answer. */
  enum Hostile {
    CROSS_SITE_START,
    GET_START,
    FOREIGN_HOST_START,
    FORGED_STATE,
    OVERSIZE_STATE,
    MISSING_STATE,
    ABANDONED_START
  }

  private final Browser browser;
  private final int[] ports;
  private final double refreshShare;
  private final long thinkMs;
  private final long limitNanos;
  private final ExecutorService pool = Executors.newFixedThreadPool(256);
  private final List<Trace> traces = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong ids = new AtomicLong();

  /** Each request over the limit: its step, when it started in the run, how long it took. */
  private final List<String> overLimit = Collections.synchronizedList(new ArrayList<>());

  private final AtomicLong finishedElsewhere = new AtomicLong();
  private final Map<String, List<Long>> stepTimes = new ConcurrentHashMap<>();
  private volatile boolean measuring;
  private final Map<String, AtomicLong> overLimitBy = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> hostile = new ConcurrentHashMap<>();
  private final boolean[] down;
  private final long[] cutUntil;
  private volatile long t0;
  private volatile String firstUnclean;

  /**
   * @param thinkMs the mean time a user spends on the consent page (uniform from 0 to twice it):
   *     logins then span the faults, as real ones do, and a login started before a server is killed
   *     comes back to its callback after
   */
  SoakDriver(URI base, int[] ports, double refreshShare, long limitMs, long thinkMs) {
    // The browser waits longer than the limit, so that a request over it is seen and counted.
    this.browser = new Browser(base, 2000, (int) (limitMs * 3));
    this.ports = ports;
    this.refreshShare = refreshShare;
    this.thinkMs = thinkMs;
    this.limitNanos = limitMs * 1_000_000;
    this.down = new boolean[ports.length];
    this.cutUntil = new long[ports.length];
  }

  /** Server {@code i} is about to be killed: what fails on it from now on is cut by the kill. */
  synchronized void killing(int i) {
    cutUntil[i] = Long.MAX_VALUE;
  }

  /**
   * The balancer's health check has seen server {@code i} die and sends nothing more to it (until
   * then, a refused connection goes to the other server, and one cut mid-answer is a failure).
   */
  synchronized void takeDown(int i) {
    down[i] = true;
  }

  /** Server {@code i} is back; what failed on it until a moment ago was still the kill's. */
  synchronized void bringUp(int i) {
    down[i] = false;
    cutUntil[i] = System.nanoTime() + 1_000_000_000L;
  }

  private synchronized boolean cut(int port) {
    for (int i = 0; i < ports.length; i++) {
      if (ports[i] == port) {
        return System.nanoTime() < cutUntil[i];
      }
    }
    return false;
  }

  private synchronized int route(long login, int step) {
    int i = (int) ((login + step) % ports.length);
    if (down[i]) {
      i = (i + 1) % ports.length;
    }
    return ports[i];
  }

  /** Whether the balancer sends nothing to the server on this port now. */
  private synchronized boolean isDown(int port) {
    for (int i = 0; i < ports.length; i++) {
      if (ports[i] == port) {
        return down[i];
      }
    }
    return false;
  }

  private synchronized int other(int port) {
    for (int p : ports) {
      if (p != port) {
        return p;
      }
    }
    return port;
  }

  /** Closed loop at concurrency c for a while, no faults: logins per second the fleet serves. */
  double capacity(int c, double seconds) throws InterruptedException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    AtomicLong ok = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < c; i++) {
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  if (login(System.nanoTime(), false).outcome() == Outcome.OK) {
                    ok.incrementAndGet();
                  }
                }
              });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return ok.get() / ((System.nanoTime() - start) / 1e9);
  }

  /** Starts the clock of the measured run: {@link Trace#at()} counts from here. */
  void begin() {
    t0 = System.nanoTime();
    measuring = true;
  }

  /** Each step's request times in nanoseconds, sorted, from the measured run. */
  Map<String, long[]> stepTimes() {
    Map<String, long[]> out = new TreeMap<>();
    stepTimes.forEach(
        (k, v) -> {
          synchronized (v) {
            out.put(k, v.stream().mapToLong(Long::longValue).sorted().toArray());
          }
        });
    return out;
  }

  double now() {
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Logins due at {@code rate} per second for {@code seconds}, on the pacing thread that calls
   * this; hostile inputs at ten times the rate whenever {@code hostileOn} says so.
   */
  void drive(double rate, double seconds, java.util.function.DoublePredicate hostileOn)
      throws InterruptedException {
    long n = (long) Math.floor(rate * seconds);
    double hostileRate = rate * 10;
    long hostileSent = 0;
    double hostileSince = -1;
    for (long i = 0; i < n; i++) {
      long due = t0 + (long) (i / rate * 1e9);
      sleepUntil(due);
      pool.execute(() -> traces.add(login(due, true)));
      double t = now();
      if (hostileOn.test(t)) {
        if (hostileSince < 0) {
          hostileSince = t;
          hostileSent = 0;
        }
        long owed = (long) ((t - hostileSince) * hostileRate);
        for (; hostileSent < owed; hostileSent++) {
          Hostile kind = Hostile.values()[(int) (hostileSent % Hostile.values().length)];
          pool.execute(() -> hostile(kind));
        }
      } else {
        hostileSince = -1;
      }
    }
  }

  /** Waits for every login and hostile input sent to be answered. */
  void finish(long seconds) throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(seconds, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
  }

  List<Trace> traces() {
    synchronized (traces) {
      return List.copyOf(traces);
    }
  }

  List<String> overLimit() {
    synchronized (overLimit) {
      return List.copyOf(overLimit);
    }
  }

  Map<String, Long> overLimitBy() {
    Map<String, Long> out = new TreeMap<>();
    overLimitBy.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Hostile inputs by kind and answer ("CROSS_SITE_START 403"), as counts. */
  Map<String, Long> hostile() {
    Map<String, Long> out = new TreeMap<>();
    hostile.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Logins started on a server that was then killed, which finished on the other one. */
  long finishedElsewhere() {
    return finishedElsewhere.get();
  }

  String firstUnclean() {
    return firstUnclean;
  }

  private static void sleepUntil(long due) throws InterruptedException {
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** A failed step: the answer's status (0: none) and whether the failure is a clean one. */
  private static final class Failed extends Exception {
    final String step;
    final int status;
    final Outcome outcome;

    Failed(String step, int status, Outcome outcome, String detail) {
      super(detail, null, false, false);
      this.step = step;
      this.status = status;
      this.outcome = outcome;
    }
  }

  /** One login as a new browser. */
  Trace login(long dueAt, boolean record) {
    long due = dueAt;
    long id = ids.getAndIncrement();
    Map<String, String> jar = new HashMap<>();
    String code = null;
    int callbackStatus = 0;
    String finishedId = null;
    boolean refreshed = false;
    try {
      int startedOn = route(id, 0);
      Browser.Answer start = step("start", "POST", startedOn, "/github/start", jar, 302);
      Browser.Answer authorize;
      try {
        authorize =
            timed(
                "authorize",
                () -> browser.send("GET", URI.create(start.location()), null, null, Map.of(), ""));
      } catch (IOException e) {
        throw new Failed("authorize", 0, Outcome.UNCLEAN, "the fake's authorize: " + e);
      }
      code = param(authorize.location(), "code");
      if (thinkMs > 0 && record) {
        long think = ThreadLocalRandom.current().nextLong(2 * thinkMs + 1);
        try {
          Thread.sleep(think);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        // The user's time on the consent page is theirs, not the fleet's latency.
        due += think * 1_000_000;
      }
      String callbackPath = browser.pathAndQuery(authorize.location());
      Browser.Answer callback;
      try {
        callback = step("callback", "GET", route(id, 1), callbackPath, jar, 302);
      } catch (Failed f) {
        callbackStatus = f.status;
        throw f;
      }
      callbackStatus = callback.status();
      String entity = param(callback.location(), "auth_entity");
      if (entity == null) {
        throw new Failed(
            "callback", 302, Outcome.UNCLEAN, "no auth_entity: " + callback.location());
      }
      finishedId = Key.fromUrlsafe(entity).id();
      Browser.Answer after =
          step("finish", "GET", route(id, 1), browser.pathAndQuery(callback.location()), jar, 200);
      if (!after.body().contains("Hello")) {
        throw new Failed("finish", 200, Outcome.UNCLEAN, "the finish page greets nobody");
      }
      String api =
          "/soak/api?auth_entity=" + java.net.URLEncoder.encode(entity, StandardCharsets.UTF_8);
      step("api", "GET", route(id, 2), api, jar, 200);
      if (ThreadLocalRandom.current().nextDouble() < refreshShare) {
        step("refresh", "GET", route(id, 3), api + "&refresh=1", jar, 200);
        refreshed = true;
      }
      if (record && isDown(startedOn)) {
        finishedElsewhere.incrementAndGet();
      }
      return new Trace(
          id,
          at(System.nanoTime()),
          ms(due),
          Outcome.OK,
          null,
          0,
          null,
          code,
          callbackStatus,
          finishedId,
          refreshed);
    } catch (Failed f) {
      if (f.outcome == Outcome.UNCLEAN && firstUnclean == null && record) {
        firstUnclean = f.step + " " + f.status + ": " + f.getMessage();
      }
      return new Trace(
          id,
          at(System.nanoTime()),
          ms(due),
          f.outcome,
          f.step,
          f.status,
          f.getMessage(),
          code,
          callbackStatus,
          finishedId,
          refreshed);
    }
  }

  private double at(long due) {
    return (due - t0) / 1e9;
  }

  private static double ms(long due) {
    return (System.nanoTime() - due) / 1e6;
  }

  private interface Call {
    Browser.Answer call() throws IOException;
  }

  private Browser.Answer timed(String step, Call call) throws IOException {
    long t = System.nanoTime();
    try {
      return call.call();
    } finally {
      long took = System.nanoTime() - t;
      if (measuring) {
        List<Long> mine = stepTimes.computeIfAbsent(step, k -> new ArrayList<>());
        synchronized (mine) {
          mine.add(took);
        }
      }
      if (took > limitNanos) {
        overLimit.add(
            String.format(
                java.util.Locale.ROOT,
                "%s at %.1f s took %.0f ms",
                step,
                (t - t0) / 1e9,
                took / 1e6));
        overLimitBy.computeIfAbsent(step, k -> new AtomicLong()).incrementAndGet();
      }
    }
  }

  /** One request of a login to an app server, as a balancer sends it; fails unless {@code want}. */
  private Browser.Answer step(
      String step, String method, int port, String path, Map<String, String> jar, int want)
      throws Failed {
    Browser.Answer a;
    int target = port;
    try {
      try {
        a = timed(step, () -> browser.app(method, port, path, jar));
      } catch (ConnectException e) {
        target = other(port);
        int to = target;
        a = timed(step, () -> browser.app(method, to, path, jar));
      }
    } catch (IOException e) {
      if (cut(target)) {
        throw new Failed(step, 0, Outcome.CUT, "cut by the kill: " + e);
      }
      String what = e instanceof SocketTimeoutException ? "no answer in time" : "no answer";
      throw new Failed(step, 0, Outcome.UNCLEAN, what + ": " + e);
    }
    if (a.status() == want) {
      return a;
    }
    String body = a.body().length() > 200 ? a.body().substring(0, 200) : a.body();
    if (target != port && cut(port)) {
      // Sent on to the other server after its own was killed under it (the request was reset
      // and retried, as browsers and balancers retry a GET): a callback the killed server had
      // already taken is a replay there, refused as the library must. The kill's failure, not an
      // answer of the library to this login.
      throw new Failed(
          step, 0, Outcome.CUT, "sent on after the kill: " + a.status() + " " + body.strip());
    }
    throw new Failed(
        step,
        a.status(),
        clean(a) ? Outcome.CLEAN : Outcome.UNCLEAN,
        a.status() + " " + body.strip());
  }

  /** 400, 502 or 503 with a short message and no trace of a stack: the library's clean errors. */
  static boolean clean(Browser.Answer a) {
    int s = a.status();
    String body = a.body();
    return (s == 400 || s == 502 || s == 503)
        && body.length() < 2000
        && !body.contains("Exception")
        && !body.contains("\tat ")
        && !body.toLowerCase(Locale.ROOT).contains("stack");
  }

  private static String param(String location, String name) {
    if (location == null) {
      return null;
    }
    int q = location.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : location.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** One hostile input, counted by its kind and the answer's status (0: no answer). */
  private void hostile(Hostile kind) {
    int port = route(ThreadLocalRandom.current().nextLong(0, 1 << 20), 0);
    String base = "http://127.0.0.1:" + port;
    int status;
    try {
      Browser.Answer a =
          timed(
              "hostile",
              () ->
                  switch (kind) {
                    case CROSS_SITE_START ->
                        browser.send(
                            "POST",
                            URI.create(base + "/github/start"),
                            balancer(),
                            null,
                            Map.of(
                                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"),
                            "state=x");
                    case GET_START ->
                        browser.send(
                            "GET",
                            URI.create(base + "/github/start"),
                            balancer(),
                            null,
                            Map.of(),
                            "");
                    case FOREIGN_HOST_START ->
                        browser.send(
                            "POST",
                            URI.create(base + "/github/start"),
                            "evil.example",
                            null,
                            Map.of(),
                            "state=x");
                    case FORGED_STATE ->
                        browser.send(
                            "GET",
                            URI.create(
                                base
                                    + "/github/oauth_callback?code=c&state="
                                    + FakeGitHub.random()),
                            balancer(),
                            new HashMap<>(Map.of("x", "y")),
                            Map.of(),
                            "");
                    case OVERSIZE_STATE ->
                        browser.send(
                            "GET",
                            URI.create(
                                base + "/github/oauth_callback?code=c&state=" + "A".repeat(6000)),
                            balancer(),
                            null,
                            Map.of(),
                            "");
                    case MISSING_STATE ->
                        browser.send(
                            "GET",
                            URI.create(base + "/github/oauth_callback?code=c"),
                            balancer(),
                            null,
                            Map.of(),
                            "");
                    case ABANDONED_START ->
                        browser.app("POST", port, "/github/start", new HashMap<>());
                  });
      status = a.status();
    } catch (IOException e) {
      status = cut(port) ? -1 : 0;
    }
    hostile.computeIfAbsent(kind + " " + status, k -> new AtomicLong()).incrementAndGet();
  }

  private String balancer() {
    return browser.host();
  }
}
