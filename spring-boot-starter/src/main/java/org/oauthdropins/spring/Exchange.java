package org.oauthdropins.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The servlet request and response being handled by one of the starter's servlets, for a {@link
 * org.oauthdropins.Finish} that needs more than core's {@link org.oauthdropins.web.WebRequest}:
 * signing in to Spring Security writes to the session.
 */
record Exchange(HttpServletRequest request, HttpServletResponse response) {

  private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  static Optional<Exchange> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Runs the action with this exchange current on this thread. */
  void run(IoAction action) throws IOException {
    CURRENT.set(this);
    try {
      action.run();
    } finally {
      CURRENT.remove();
    }
  }

  /** An action that writes the response. */
  interface IoAction {
    void run() throws IOException;
  }
}
