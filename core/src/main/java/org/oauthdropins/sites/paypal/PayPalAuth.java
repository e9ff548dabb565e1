package org.oauthdropins.sites.paypal;

import com.fasterxml.jackson.databind.JsonNode;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Log in with PayPal login. The key id is the user's {@code user_id}; {@link #userJson()} is the
 * userinfo answer ({@code schema=paypalv1.1}); {@link #refreshToken()} renews the access token.
 */
public final class PayPalAuth extends AuthEntity {

  PayPalAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The primary address among {@code emails} (with the scope {@code email}), or null. */
  public String email() {
    for (JsonNode e : userJson().path("emails")) {
      if (e.path("primary").asBoolean(false)) {
        return Json.text(e, "value");
      }
    }
    return null;
  }

  /**
   * The PayPal account id ({@code payer_id}), with the scope {@link PayPal#PAYPAL_ATTRIBUTES}, or
   * null.
   */
  public String payerId() {
    return Json.text(userJson(), "payer_id");
  }
}
