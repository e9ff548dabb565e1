package org.oauthdropins.sites.box;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Box login. The key id is the user's Box {@code id}; {@link #userJson()} is {@code GET
 * /2.0/users/me}; {@link #refreshToken()} is single-use and replaced at each refresh.
 */
public final class BoxAuth extends AuthEntity {

  BoxAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The user's {@code login}, their email address at Box, or null; it can change, so it is not the
   * key.
   */
  public String login() {
    return Json.text(userJson(), "login");
  }
}
