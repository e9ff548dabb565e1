package org.oauthdropins.sites.auth0;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * An Auth0 login. The key id is Auth0's user id ({@code sub}, {@code CONNECTION|ID}) qualified by
 * the tenant; {@link #userName()} is the {@code nickname}; {@link #userJson()} is the userinfo
 * response.
 */
public final class Auth0Auth extends OidcAuth {

  Auth0Auth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The kind of connection the user signed in through, the part of the user id before {@code |}
   * ({@code auth0} for the tenant's database, {@code google-oauth2}, {@code github}...), or null.
   */
  public String connection() {
    String id = userId();
    int bar = id == null ? -1 : id.indexOf('|');
    return bar < 0 ? null : id.substring(0, bar);
  }
}
