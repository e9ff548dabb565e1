package org.oauthdropins.sites.figma;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Figma login. The key id is the user's Figma {@code id}; {@link #userJson()} is {@code GET
 * /v1/me}; {@link #refreshToken()} renews the 90-day token at Figma's refresh endpoint.
 */
public final class FigmaAuth extends AuthEntity {

  FigmaAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's email address at Figma, or null. */
  public String email() {
    return Json.text(userJson(), "email");
  }
}
