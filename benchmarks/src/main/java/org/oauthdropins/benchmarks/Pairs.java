package org.oauthdropins.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The paired run's driver, in its own JVM: two apps (their ids {@code a} and {@code b}) running
 * side by side, each warmed up in turn, then for each round every level against one app and right
 * after it against the other, the first of the two alternating from round to round.
 *
 * <p>Why: run one after the other, the same app's c=8 level has moved by 18 to 30% between runs a
 * few minutes apart on this kind of shared machine, as much as the gap being measured. Levels of
 * the two apps taken seconds apart meet the machine in the same state; the median of the rounds'
 * ratios is what a target compares.
 *
 * <p>{@code drive-pair --ids A,B --ports P,Q --pids X,Y --seconds S --rounds R --window W
 * --warmup-max M} prints one JSON {@link Results.Paired}.
 */
final class Pairs {

  /** The levels of every round, as in the sequential run. */
  static final int[] CONCURRENCIES = {1, 8, 32};

  private Pairs() {}

  static void main(Args args) throws Exception {
    String[] ids = args.value("ids", "").split(",");
    String[] ports = args.value("ports", "").split(",");
    String[] pids = args.value("pids", "").split(",");
    if (ids.length != 2 || ports.length != 2 || pids.length != 2) {
      throw new IllegalArgumentException("drive-pair takes two ids, two ports and two pids");
    }
    double seconds = Double.parseDouble(args.value("seconds", "10"));
    int rounds = args.intValue("rounds", 4);
    double window = Double.parseDouble(args.value("window", "5"));
    double warmupMax = Double.parseDouble(args.value("warmup-max", "120"));
    Driver a = driver(ports[0], pids[0]);
    Driver b = driver(ports[1], pids[1]);
    double aWarm = warm(a, window, warmupMax);
    double bWarm = warm(b, window, warmupMax);
    List<Results.Round> out = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      boolean firstA = r % 2 == 1;
      for (int c : CONCURRENCIES) {
        String label = "c=" + c;
        Results.Level first = (firstA ? a : b).level(label, c, seconds);
        Results.Level second = (firstA ? b : a).level(label, c, seconds);
        out.add(new Results.Round(r, c, firstA, firstA ? first : second, firstA ? second : first));
      }
    }
    System.out.println(
        new ObjectMapper()
            .writeValueAsString(new Results.Paired(ids[0], ids[1], aWarm, bWarm, out)));
  }

  private static Driver driver(String port, String pid) {
    return new Driver(
        URI.create("http://127.0.0.1:" + port),
        new int[] {Integer.parseInt(port)},
        new long[] {Long.parseLong(pid)});
  }

  private static double warm(Driver d, double window, double max) throws Exception {
    long start = System.nanoTime();
    d.warmUp(8, window, max);
    return (System.nanoTime() - start) / 1e9;
  }
}
