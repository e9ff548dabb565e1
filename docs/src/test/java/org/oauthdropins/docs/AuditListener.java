package org.oauthdropins.docs;

// readme:start listener
import org.oauthdropins.LoginEvent;
import org.oauthdropins.LoginListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// readme:end

/** The README's own login listener. */
final class AuditListener {

  private AuditListener() {}

  static LoginListener audit() {
    // readme:start listener
    Logger log = LoggerFactory.getLogger("audit");
    LoginListener audit =
        event -> {
          if (event instanceof LoginEvent.Failed failed) {
            log.warn(
                "{} login failed at {}: {} after {}",
                failed.site(),
                failed.stage(), // START, CALLBACK or REFRESH
                failed.failure().tag(), // BadRequest, Provider, StoreUnavailable
                failed.duration());
          }
        };
    // readme:end
    return audit;
  }
}
