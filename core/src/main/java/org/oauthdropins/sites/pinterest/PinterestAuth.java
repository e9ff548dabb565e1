package org.oauthdropins.sites.pinterest;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Pinterest login. The key id is the account's {@code id}; {@link #userJson()} is {@code GET
 * /v5/user_account}; {@link #refreshToken()} renews the 30-day token.
 */
public final class PinterestAuth extends AuthEntity {

  PinterestAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** {@code BUSINESS} or {@code PINNER}, or null. */
  public String accountType() {
    return Json.text(userJson(), "account_type");
  }

  /** The account's website, or null. */
  public String websiteUrl() {
    return Json.text(userJson(), "website_url");
  }
}
