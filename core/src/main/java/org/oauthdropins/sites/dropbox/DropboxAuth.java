package org.oauthdropins.sites.dropbox;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Dropbox login. The key id is the {@code account_id} ({@code dbid:...}); {@link #userJson()} is
 * {@code users/get_current_account}. The refresh token is stored, and expired access tokens are
 * refreshed and written back to the store.
 */
public final class DropboxAuth extends AuthEntity {

  DropboxAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The legacy numeric user id the Python library used as the key, or null if Dropbox sent none.
   */
  public String uid() {
    return Json.text(extra(), "uid");
  }
}
