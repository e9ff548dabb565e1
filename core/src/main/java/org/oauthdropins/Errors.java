package org.oauthdropins;

import org.oauthdropins.web.WebResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failed login into the plain-text answer the browser gets. */
final class Errors {

  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

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
