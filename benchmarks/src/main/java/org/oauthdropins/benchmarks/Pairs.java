package org.oauthdropins.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The paired run's driver, in its own JVM: several apps running side by side, each warmed up in
 * turn, then for each round every level against each app right after the other, the app that goes
 * first moving on by one from round to round. An app may be a fleet: its servers' ports (and pids)
 * joined by {@code +}, its browsers' base URL the first server's, as in the sequential run.
 *
 * <p>Why: run one after the other, the same app's c=8 level has moved by 18 to 30% between runs a
 * few minutes apart on this kind of shared machine, as much as the gaps being measured. Levels of
 * the apps taken seconds apart meet the machine in the same state; the median of the rounds' ratios
 * is what a target compares.
 *
 * <p>{@code drive-pair --ids A,B[,C...] --ports P,Q[+R]... --pids X,Y[+Z]... --seconds S --rounds R
 * --window W --warmup-max M} prints one JSON {@link Results.Paired}.
 */
final class Pairs {

  /** The levels of every round, as in the sequential run. */
  static final int[] CONCURRENCIES = {1, 8, 32};

  private Pairs() {}

  static void main(Args args) throws Exception {
    List<String> ids = List.of(args.value("ids", "").split(","));
    String[] ports = args.value("ports", "").split(",");
    String[] pids = args.value("pids", "").split(",");
    if (ids.size() < 2 || ports.length != ids.size() || pids.length != ids.size()) {
      throw new IllegalArgumentException("drive-pair takes two ids or more, a port and a pid each");
    }
    double seconds = Double.parseDouble(args.value("seconds", "10"));
    int rounds = args.intValue("rounds", 4);
    double window = Double.parseDouble(args.value("window", "5"));
    double warmupMax = Double.parseDouble(args.value("warmup-max", "120"));
    int n = ids.size();
    List<Driver> drivers = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Driver d = driver(ports[i], pids[i]);
      drivers.add(d);
      warm.add(warm(d, window, warmupMax));
    }
    List<Results.Round> out = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      int first = (r - 1) % n;
      for (int c : CONCURRENCIES) {
        Results.Level[] levels = new Results.Level[n];
        for (int k = 0; k < n; k++) {
          int i = (first + k) % n;
          levels[i] = drivers.get(i).level("c=" + c, c, seconds);
        }
        out.add(new Results.Round(r, c, first, List.of(levels)));
      }
    }
    System.out.println(new ObjectMapper().writeValueAsString(new Results.Paired(ids, warm, out)));
  }

  /** A driver of one app: a server's port, or a fleet's ports joined by {@code +}. */
  private static Driver driver(String ports, String pids) {
    int[] p = Arrays.stream(ports.split("\\+")).mapToInt(Integer::parseInt).toArray();
    return new Driver(
        URI.create("http://127.0.0.1:" + p[0]),
        p,
        Arrays.stream(pids.split("\\+")).mapToLong(Long::parseLong).toArray());
  }

  private static double warm(Driver d, double window, double max) throws Exception {
    long start = System.nanoTime();
    d.warmUp(8, window, max);
    return (System.nanoTime() - start) / 1e9;
  }
}
