package org.oauthdropins.sites.patreon;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Patreon login. The key id is the Patreon user id; {@link #userJson()} is the JSON:API document
 * of {@code GET /api/oauth2/v2/identity}; {@link #refreshToken()} renews the 31-day access token.
 */
public final class PatreonAuth extends AuthEntity {

  PatreonAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's Patreon page ({@code attributes.url}), or null. */
  public String profileUrl() {
    return Json.text(userJson().path("data").path("attributes"), "url");
  }

  /**
   * The user's email address, present only when the login asked for {@link Patreon#IDENTITY_EMAIL}.
   */
  public String email() {
    return Json.text(userJson().path("data").path("attributes"), "email");
  }
}
