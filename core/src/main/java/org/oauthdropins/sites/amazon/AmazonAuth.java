package org.oauthdropins.sites.amazon;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Login with Amazon login. The key id is the customer's {@code user_id}; {@link #userJson()} is
 * {@code GET /user/profile}; {@link #refreshToken()} renews the hour-long access token.
 */
public final class AmazonAuth extends AuthEntity {

  AmazonAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The customer's address, with the scope {@code profile}, or null. */
  public String email() {
    return Json.text(userJson(), "email");
  }

  /** The customer's postal code, with the scope {@code postal_code}, or null. */
  public String postalCode() {
    return Json.text(userJson(), "postal_code");
  }
}
