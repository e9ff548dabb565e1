package org.oauthdropins.sites.naver;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Naver login. The key id is the user's Naver {@code id} for the app; {@link #userJson()} is the
 * {@code response} object of {@code GET /v1/nid/me}; {@link #refreshToken()} renews the hour-long
 * access token.
 */
public final class NaverAuth extends AuthEntity {

  NaverAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The user's email address, when the app's console asks for it and the user agreed, else null.
   */
  public String email() {
    return Json.text(userJson(), "email");
  }

  /** The user's name, when the app's console asks for it and the user agreed, else null. */
  public String name() {
    return Json.text(userJson(), "name");
  }
}
