package org.oauthdropins.sites.atlassian;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * An Atlassian login. The key id is the {@code account_id}; {@link #userName()} is the {@code
 * nickname}; {@link #userJson()} is {@code GET /me}.
 */
public final class AtlassianAuth extends AuthEntity {

  AtlassianAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The account's address, or null where the user's privacy settings hide it. */
  public String email() {
    return Json.text(userJson(), "email");
  }

  /** The account's status ({@code active}, {@code inactive}, {@code closed}), or null. */
  public String accountStatus() {
    return Json.text(userJson(), "account_status");
  }
}
