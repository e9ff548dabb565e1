package org.oauthdropins.sites.tiktok;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A TikTok login. The key id is the user's {@code open_id} in this app; {@link #userJson()} is the
 * {@code data.user} of {@code GET /v2/user/info/}; {@link #refreshToken()} renews the day-long
 * token for a year.
 */
public final class TikTokAuth extends AuthEntity {

  TikTokAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's id across the apps of one developer account, or null. */
  public String unionId() {
    return Json.text(userJson(), "union_id");
  }
}
