package org.oauthdropins.quarkus.deployment;

/** What a failed start-up comes down to, under Quarkus's wrapping. */
final class Failures {

  private Failures() {}

  static Throwable root(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }
}
