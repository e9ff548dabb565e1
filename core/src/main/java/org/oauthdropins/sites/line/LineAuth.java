package org.oauthdropins.sites.line;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A LINE login. The key id is the user's LINE {@code userId}; {@link #userJson()} is {@code GET
 * /v2/profile}; {@link #refreshToken()} renews the 30-day access token.
 */
public final class LineAuth extends AuthEntity {

  LineAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's status message, or null when they set none. */
  public String statusMessage() {
    return Json.text(userJson(), "statusMessage");
  }
}
