package org.oauthdropins.sites.strava;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Strava login. The key id is the athlete {@code id}; {@link #userJson()} is {@code GET
 * /api/v3/athlete}; {@link #refreshToken()} renews the six-hour access token.
 */
public final class StravaAuth extends AuthEntity {

  StravaAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The athlete's first and last names, else the {@code username}, else the id: Strava has no
   * single display name field.
   */
  @Override
  public String userDisplayName() {
    String name =
        String.join(
                " ",
                nonNull(Json.text(userJson(), "firstname")),
                nonNull(Json.text(userJson(), "lastname")))
            .strip();
    return name.isEmpty() ? super.userDisplayName() : name;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
