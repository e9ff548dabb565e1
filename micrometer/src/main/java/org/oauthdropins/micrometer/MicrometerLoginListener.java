package org.oauthdropins.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import org.oauthdropins.LoginEvent;
import org.oauthdropins.LoginListener;

/**
 * Turns login events into Micrometer meters, so a dashboard shows how many logins each site starts,
 * completes, loses to a decline or fails, why, and how long the library's part takes:
 *
 * <ul>
 *   <li>{@value #LOGINS}: a timer tagged {@code site}, {@code outcome} ({@code started}, {@code
 *       succeeded}, {@code declined}, {@code failed}) and {@code error} ({@code none}, or the
 *       failure's class: {@code BadRequest}, {@code Provider}, {@code StoreUnavailable}, {@code
 *       Unexpected});
 *   <li>{@value #REFRESHES}: a counter of stored logins' token refreshes, tagged {@code site},
 *       {@code outcome} ({@code refreshed}, {@code failed}) and {@code error}.
 * </ul>
 *
 * <p>Tags are bounded: site names are the app's configuration, outcomes and error classes are
 * closed sets; nothing a user or provider sends becomes a tag. Give it to a site with {@code
 * SiteOptions.withListener(new MicrometerLoginListener(registry))}; the Spring Boot starter does
 * that by itself when a {@link MeterRegistry} is present.
 */
public final class MicrometerLoginListener implements LoginListener {

  /** The timer of logins. */
  public static final String LOGINS = "oauth_dropins_logins";

  /** The counter of token refreshes. */
  public static final String REFRESHES = "oauth_dropins_refreshes";

  private static final String NONE = "none";

  private final MeterRegistry registry;

  /** Records into the given registry. */
  public MicrometerLoginListener(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onEvent(LoginEvent event) {
    String error = NONE;
    boolean refresh = event instanceof LoginEvent.Refreshed;
    if (event instanceof LoginEvent.Failed failed) {
      error = failed.failure().tag();
      refresh = failed.stage() == LoginEvent.Stage.REFRESH;
    }
    Tags tags = Tags.of("site", event.site(), "outcome", event.outcome(), "error", error);
    if (refresh) {
      Counter.builder(REFRESHES)
          .description("Token refreshes of stored logins")
          .tags(tags)
          .register(registry)
          .increment();
    } else {
      Timer.builder(LOGINS)
          .description("Login starts and callbacks, by site and outcome; the library's time")
          .tags(tags)
          .register(registry)
          .record(event.duration());
    }
  }
}
