package org.oauthdropins.sites.medium;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Medium login. The key id is the user id; {@link #userJson()} is the whole {@code /v1/me}
 * answer, {@code {"data": {...}}}, so the accessors read inside {@code data}.
 */
public final class MediumAuth extends AuthEntity {

  MediumAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's {@code @username}, without the {@code @}. */
  public String username() {
    return Json.text(userJson(), "data", "username");
  }

  /** The user's name, else their username, else the user id. */
  @Override
  public String userDisplayName() {
    String name = Json.text(userJson(), "data", "name");
    if (name == null) {
      name = username();
    }
    return name != null ? name : keyId();
  }
}
