package org.oauthdropins.sites.cognito;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Cognito user pool login. The key id is the user's {@code sub} qualified by the pool's issuer;
 * {@link #userName()} is the pool's {@code username}; {@link #userJson()} is the userInfo response.
 */
public final class CognitoAuth extends OidcAuth {

  CognitoAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The groups the user belongs to in the pool ({@code cognito:groups} of the ID token), empty
   * without any.
   */
  public java.util.List<String> groups() {
    java.util.List<String> groups = new java.util.ArrayList<>();
    idTokenClaims().path("cognito:groups").forEach(g -> groups.add(g.asText()));
    return groups;
  }

  /** The user pool the user logged in at: the verified ID token's issuer. */
  public String issuer() {
    return Json.text(idTokenClaims(), "iss");
  }
}
