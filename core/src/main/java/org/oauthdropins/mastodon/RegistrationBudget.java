package org.oauthdropins.mastodon;

import java.time.Clock;
import java.time.Instant;

/**
 * A token bucket of app registrations: a burst of {@code perMinute}, then one every {@code
 * 60/perMinute} seconds. In process memory, so a fleet of {@code n} servers makes at most {@code n}
 * times as many; that bounds the rows and the requests to instances, which is its purpose.
 */
final class RegistrationBudget {

  private final int perMinute;
  private final Clock clock;
  private double tokens;
  private Instant last;

  RegistrationBudget(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
    this.tokens = perMinute;
    this.last = clock.instant();
  }

  /** Takes one registration from the budget; false if there is none left this minute. */
  synchronized boolean take() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      double minutes = (now.toEpochMilli() - last.toEpochMilli()) / 60_000.0;
      tokens = Math.min(perMinute, tokens + minutes * perMinute);
      last = now;
    }
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
