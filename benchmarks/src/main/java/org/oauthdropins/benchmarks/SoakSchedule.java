package org.oauthdropins.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The soak's fault schedule: {@code kind@start[+length][:share]}, comma-separated. A time is
 * seconds ({@code 40}, {@code 40s}) or a percentage of the run ({@code 30%}), so that one schedule
 * fits a 90 s smoke run and a 10 min soak alike. The share is the part of the provider's requests a
 * provider fault hits (0 to 1).
 *
 * <p>Kinds: {@code pg-stop} (PostgreSQL stopped for the length, then started again), {@code
 * emulator-stop} (the same for the Datastore emulator, on the runs on it), {@code kill} (one app
 * server SIGKILLed, started again after the length), {@code 5xx}, {@code slow}, {@code reset} (the
 * fake provider answers 503, answers after the time budget, or resets the connection, for the share
 * of its back-channel requests), {@code hostile} (attack-suite inputs at ten times the login rate).
 */
record SoakSchedule(List<Fault> faults) {

  /** Every fault once, with time between them to recover, and the last fifth of the run clean. */
  static final String DEFAULT =
      "pg-stop@12%+5%,kill@25%+4%,5xx@38%+5%:0.3,slow@50%+5%:0.2,reset@62%+5%:0.3,hostile@74%+5%";

  /** The default schedule for a store: {@link #DEFAULT} with that store's outage. */
  static String defaultFor(String store) {
    return "datastore".equals(store) ? DEFAULT.replace("pg-stop", "emulator-stop") : DEFAULT;
  }

  /** The kinds of fault the soak can inject. */
  enum Kind {
    PG_STOP("pg-stop"),
    EMULATOR_STOP("emulator-stop"),
    KILL("kill"),
    ERRORS("5xx"),
    SLOW("slow"),
    RESET("reset"),
    HOSTILE("hostile");

    final String word;

    Kind(String word) {
      this.word = word;
    }

    boolean atProvider() {
      return this == ERRORS || this == SLOW || this == RESET;
    }

    static Kind of(String word) {
      for (Kind k : values()) {
        if (k.word.equals(word)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "unknown fault '"
              + word
              + "': one of pg-stop, emulator-stop, kill, 5xx, slow, reset, hostile");
    }
  }

  /**
   * One fault, in seconds from the start of the measured run.
   *
   * @param share the part of the provider's requests hit (provider faults), else 1
   */
  record Fault(Kind kind, double at, double length, double share) {

    double end() {
      return at + length;
    }

    String label() {
      return kind.word
          + (kind.atProvider() ? String.format(Locale.ROOT, " (%.0f%%)", share * 100) : "");
    }
  }

  /**
   * Reads a schedule for a run of {@code runSeconds}.
   *
   * @throws IllegalArgumentException naming the part that is wrong: an unknown kind, a time that is
   *     not a number, a fault outside the run, a share outside 0 to 1, two faults that overlap
   */
  static SoakSchedule parse(String spec, double runSeconds) {
    List<Fault> out = new ArrayList<>();
    if (spec.isBlank() || spec.equals("none")) {
      return new SoakSchedule(List.of());
    }
    for (String raw : spec.split(",")) {
      String part = raw.strip();
      int atSign = part.indexOf('@');
      if (atSign < 0) {
        throw new IllegalArgumentException("'" + part + "' has no @start (e.g. kill@30%)");
      }
      Kind kind = Kind.of(part.substring(0, atSign));
      String rest = part.substring(atSign + 1);
      double share = 1;
      int colon = rest.indexOf(':');
      if (colon >= 0) {
        share = number(rest.substring(colon + 1), part);
        if (!(share > 0 && share <= 1)) {
          throw new IllegalArgumentException("'" + part + "': the share must be in (0, 1]");
        }
        rest = rest.substring(0, colon);
      }
      int plus = rest.indexOf('+');
      double at = time(plus < 0 ? rest : rest.substring(0, plus), runSeconds, part);
      double length =
          plus < 0 ? runSeconds * 0.05 : time(rest.substring(plus + 1), runSeconds, part);
      if (at < 0 || length <= 0 || at + length > runSeconds) {
        throw new IllegalArgumentException(
            "'" + part + "' does not fit in a run of " + runSeconds + " s");
      }
      out.add(new Fault(kind, at, length, share));
    }
    out.sort(Comparator.comparingDouble(Fault::at));
    for (int i = 1; i < out.size(); i++) {
      if (out.get(i).at() < out.get(i - 1).end()) {
        throw new IllegalArgumentException(
            "faults overlap: "
                + out.get(i - 1).kind().word
                + " and "
                + out.get(i).kind().word
                + " (each fault's figures need the others out of its window)");
      }
    }
    return new SoakSchedule(List.copyOf(out));
  }

  private static double time(String text, double runSeconds, String part) {
    String t = text.strip();
    if (t.endsWith("%")) {
      return number(t.substring(0, t.length() - 1), part) / 100 * runSeconds;
    }
    if (t.endsWith("s")) {
      t = t.substring(0, t.length() - 1);
    }
    return number(t, part);
  }

  private static double number(String text, String part) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + part + "': '" + text + "' is not a number");
    }
  }

  /**
   * Refuses a store's outage on a run on another store ({@code pg-stop} on the emulator).
   *
   * @throws IllegalArgumentException naming the fault and the store
   */
  void checkStore(String store) {
    Kind outage = "datastore".equals(store) ? Kind.EMULATOR_STOP : Kind.PG_STOP;
    for (Fault f : faults) {
      if ((f.kind() == Kind.PG_STOP || f.kind() == Kind.EMULATOR_STOP) && f.kind() != outage) {
        throw new IllegalArgumentException(
            f.kind().word + " does not apply to the run on " + store + ": use " + outage.word);
      }
    }
  }

  /** The fault in force at a moment, if any. */
  Fault at(double t) {
    for (Fault f : faults) {
      if (t >= f.at() && t < f.end()) {
        return f;
      }
    }
    return null;
  }
}
