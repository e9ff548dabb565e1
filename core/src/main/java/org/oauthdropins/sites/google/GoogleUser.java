package org.oauthdropins.sites.google;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Google login. The key id is the OpenID Connect {@code sub}; {@link #userJson()} is the userinfo
 * response; {@link #refreshToken()} renews the access token when it expires.
 */
public class GoogleUser extends OidcAuth {

  /** For sites on Google accounts that add accessors. */
  protected GoogleUser(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's name, or {@code unknown} if Google gave none. */
  @Override
  public String userDisplayName() {
    String name = Json.text(userJson(), "name");
    return name != null ? name : "unknown";
  }

  /**
   * The Google Workspace domain of the account from the ID token's {@code hd} claim, or null for a
   * consumer account. To restrict logins to a domain, check this, not the request parameter.
   */
  public String hostedDomain() {
    return Json.text(idTokenClaims(), "hd");
  }
}
