package org.oauthdropins.sites.okta;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * An Okta login. The key id is the user's Okta id ({@code sub}) qualified by the org's host; {@link
 * #userName()} is the login name ({@code preferred_username}), which an administrator can change;
 * {@link #userJson()} is the userinfo response.
 */
public final class OktaAuth extends OidcAuth {

  OktaAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The authorization server the user logged in at: the verified ID token's issuer. */
  public String issuer() {
    return Json.text(idTokenClaims(), "iss");
  }
}
