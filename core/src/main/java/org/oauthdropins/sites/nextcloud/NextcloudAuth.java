package org.oauthdropins.sites.nextcloud;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Nextcloud login. The key id is {@code <user id>@<instance>}; {@link #userJson()} is the OCS
 * user API's {@code data}; {@link #apiUrl(String)} is below the instance (OCS at {@code
 * /ocs/v2.php/...}, WebDAV at {@code /remote.php/dav/...}).
 */
public final class NextcloudAuth extends AuthEntity {

  NextcloudAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's email address, or null. */
  public String email() {
    return Json.text(userJson(), "email");
  }
}
