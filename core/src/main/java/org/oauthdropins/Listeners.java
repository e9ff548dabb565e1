package org.oauthdropins;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener that can neither break a login nor flood the log: what the library calls in place of
 * the app's {@link LoginListener}. With {@link LoginListener#NONE} it reads no clock and makes no
 * event.
 */
final class Listeners {

  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  /** Listeners whose failure is logged already: once per listener, however many sites share it. */
  private static final Map<LoginListener, Boolean> LOGGED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final LoginListener listener;

  private Listeners(LoginListener listener) {
    this.listener = listener;
  }

  private static final Listeners NONE = new Listeners(LoginListener.NONE);

  static Listeners of(LoginListener listener) {
    return listener == null || listener == LoginListener.NONE ? NONE : new Listeners(listener);
  }

  /** Whether anyone listens: when not, callers skip the clock. */
  boolean active() {
    return this != NONE;
  }

  /** The time now, for a duration; 0 when nobody listens. */
  long now() {
    return active() ? System.nanoTime() : 0;
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * Reports the event made from the site's name and the time since {@code t0}, if anyone listens.
   * Callers pass a record's constructor ({@code LoginEvent.Started::new}), which captures nothing:
   * without a listener, a report allocates nothing.
   */
  void report(long t0, String site, BiFunction<String, Duration, LoginEvent> event) {
    if (active()) {
      emit(event.apply(site, since(t0)));
    }
  }

  /** Reports a disconnect, if anyone listens. */
  void disconnected(long t0, String site, boolean revoked) {
    if (active()) {
      emit(new LoginEvent.Disconnected(site, revoked, since(t0)));
    }
  }

  void failed(String site, LoginEvent.Stage stage, Throwable e, long t0) {
    if (active()) {
      emit(new LoginEvent.Failed(site, stage, LoginEvent.Failure.of(e), since(t0)));
    }
  }

  /** Reports an event made already, if anyone listens. */
  void tell(LoginEvent event) {
    if (active()) {
      emit(event);
    }
  }

  private void emit(LoginEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      // Its message is the listener's own text and could quote anything; the class says enough.
      if (LOGGED.putIfAbsent(listener, Boolean.TRUE) == null) {
        LOG.warn(
            "login listener {} threw {} on a {} event; the login goes on, and its later failures"
                + " are not logged",
            listener.getClass().getName(),
            e.getClass().getName(),
            event.outcome());
      }
    }
  }
}
