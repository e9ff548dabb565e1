package org.oauthdropins;

import org.oauthdropins.errors.LoginException;
import org.oauthdropins.internal.LogText;
import org.oauthdropins.web.WebResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed login into the plain-text answer the browser gets, and logs it: the one place
 * every login handler ({@link Start}, {@link Callback}, Bluesky's password form) answers an error,
 * so that none is answered unlogged or answered differently.
 */
final class Errors {

  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  /**
   * Logs a failed login and makes its page: the exception's plain message with its status.
   *
   * @param site the site whose login failed, named in the log
   */
  static WebResponse page(Site<?> site, LoginException e) {
    // Messages are written to be safe: they never carry tokens, secrets, codes or verifiers.
    if (e.status() >= 500) {
      LOG.warn("{} login failed ({}): {}", site.name(), e.status(), LogText.of(e.getMessage()));
    } else {
      LOG.info("{} login refused ({}): {}", site.name(), e.status(), LogText.of(e.getMessage()));
    }
    return WebResponse.Page.text(e.status(), e.getMessage() + "\n");
  }
}
