package org.oauthdropins.sites.keycloak;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Keycloak login. The key id is the user's id ({@code sub}) qualified by the realm ({@code
 * sub@host/realms/REALM}), since an id names a user only in its own install; {@link #userName()} is
 * the username ({@code preferred_username}), which a realm may let its owner change; {@link
 * #userJson()} is the userinfo response.
 */
public final class KeycloakAuth extends OidcAuth {

  KeycloakAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The realm the user logged in at: the verified ID token's issuer, e.g. its URL. */
  public String realmUrl() {
    return Json.text(idTokenClaims(), "iss");
  }
}
