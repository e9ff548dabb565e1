package org.oauthdropins;

/**
 * Hears every {@link LoginEvent} of the sites it is given to: the hook for metrics (the {@code
 * oauth-dropins-micrometer} module), audit logs or alerts. Set it once on a site's options ({@link
 * SiteOptions#withListener}): the site's {@link Start}, {@link Callback} and stored logins' token
 * refreshes all report to it.
 *
 * <p>One method taking a closed set of events, rather than a method per event: a lambda is a
 * listener, a metrics listener handles every event with the same few lines (site, outcome,
 * duration), and a new kind of event later does not break a listener written today.
 *
 * <p>Called on the request's thread, after the library's work and before the app's {@link Finish}:
 * keep it quick and never block on a network call. A listener that throws does not break the login:
 * the first exception is logged (its class, never its message) and the rest are ignored.
 */
@FunctionalInterface
public interface LoginListener {

  /** Hears nothing; the default, at no cost (no clock read, no event made). */
  LoginListener NONE = event -> {};

  /** Hears one event. */
  void onEvent(LoginEvent event);

  /**
   * These listeners as one, each hearing every event in the list's order: what an adapter does with
   * the listener beans of an app. None is {@link #NONE}, at no cost; one is itself.
   */
  static LoginListener all(java.util.List<LoginListener> listeners) {
    java.util.List<LoginListener> copy = java.util.List.copyOf(listeners);
    if (copy.isEmpty()) {
      return NONE;
    }
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return event -> copy.forEach(l -> l.onEvent(event));
  }
}
