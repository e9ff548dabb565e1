package org.oauthdropins.sites.zoom;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Zoom login. The key id is the Zoom user {@code id}; {@link #userJson()} is {@code GET
 * /v2/users/me}; {@link #refreshToken()} renews the hour-long access token, a new refresh token
 * coming with each refresh.
 */
public final class ZoomAuth extends AuthEntity {

  ZoomAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The id of the Zoom account the user belongs to, or null. */
  public String accountId() {
    return Json.text(userJson(), "account_id");
  }

  /** The user's email address as Zoom has it, or null. */
  public String email() {
    return Json.text(userJson(), "email");
  }
}
