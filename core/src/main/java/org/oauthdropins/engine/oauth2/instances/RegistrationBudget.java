package org.oauthdropins.engine.oauth2.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app registrations a process makes at instances: at most {@code perMinute} in any minute,
 * counted over every site that draws from it, and at most one at a time per site and instance.
 *
 * <p>One budget per HTTP transport the sites are built on, so one per process in an app: {@link
 * org.oauthdropins.SiteOptions#defaults()} gives every site the process's one shared client, and
 * the fediverse site hands its options to every software's engine. Each site object having its own
 * (issue 20 #6) let the fediverse site's four engines make four times the bound. Test fakes'
 * options carry a transport of their own, so one test's registrations do not use up another's.
 *
 * <p>In process memory, so a fleet of {@code n} servers makes at most {@code n} times as many; that
 * bounds the rows and the requests to instances, which is its purpose.
 */
final class RegistrationBudget {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  /** Keyed by the transport's identity (no transport defines equality); forgotten with it. */
  private static final Map<Object, RegistrationBudget> BY_TRANSPORT =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** When the registrations of the last minute were made. */
  private final List<Instant> made = new ArrayList<>();

  /** Site and instance pairs being registered at now, so that a burst of starts makes one. */
  private final Set<String> registering = ConcurrentHashMap.newKeySet();

  private RegistrationBudget() {}

  /** The budget of every site built on this transport. */
  static RegistrationBudget of(Object transport) {
    return BY_TRANSPORT.computeIfAbsent(transport, t -> new RegistrationBudget());
  }

  /**
   * Takes one registration; false if {@code perMinute} were made in the minute before {@code now}.
   * Each site passes its own bound and clock; the count is shared.
   */
  synchronized boolean take(int perMinute, Instant now) {
    Instant start = now.minus(WINDOW);
    made.removeIf(t -> !t.isAfter(start));
    if (made.size() >= perMinute) {
      return false;
    }
    made.add(now);
    return true;
  }

  /** Claims the right to register this site at this instance now; false if it is taken. */
  boolean begin(String site, String instance) {
    return registering.add(site + " " + instance);
  }

  /** Gives back what {@link #begin} claimed. */
  void end(String site, String instance) {
    registering.remove(site + " " + instance);
  }
}
