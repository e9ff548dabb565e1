package org.oauthdropins.sites.microsoft;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Microsoft login. The key id is {@code oid@tid}; {@link #userJson()} is the verified ID token's
 * claims ({@code name}, {@code preferred_username}, {@code email}, {@code oid}, {@code tid}...).
 */
public final class MicrosoftAuth extends OidcAuth {

  MicrosoftAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's object id in their tenant ({@code oid}), Microsoft Graph's {@code id}. */
  @Override
  public String userId() {
    return Json.text(userJson(), "oid");
  }

  /**
   * The user's sign-in name ({@code preferred_username}: often an email address), for display only:
   * Microsoft says it is mutable and unfit to identify anyone.
   */
  @Override
  public String userName() {
    return Json.text(userJson(), "preferred_username");
  }

  /** The tenant the user signed in to ({@code tid}); restrict tenants by this, once verified. */
  public String tenantId() {
    return Json.text(userJson(), "tid");
  }

  /** Whether this is a personal Microsoft account (the consumers tenant). */
  public boolean personalAccount() {
    return Microsoft.CONSUMERS_TENANT.equals(tenantId());
  }
}
