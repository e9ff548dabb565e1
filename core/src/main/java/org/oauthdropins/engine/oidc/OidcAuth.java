package org.oauthdropins.engine.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * An OpenID Connect login. The key id is the provider's {@code sub}; {@link #userJson()} is the
 * userinfo response (standard claims: {@code name}, {@code picture}, {@code email}...).
 */
public class OidcAuth extends AuthEntity {

  /** For sites that add typed accessors. */
  protected OidcAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's name, else their preferred user name or email, else the subject. */
  @Override
  public String userDisplayName() {
    JsonNode user = userJson();
    for (String claim : new String[] {"name", "preferred_username", "email"}) {
      String v = Json.text(user, claim);
      if (v != null) {
        return v;
      }
    }
    return keyId();
  }

  @Override
  public String imageUrl() {
    return Json.text(userJson(), "picture");
  }

  /** The user's email address, or null if the provider gave none. */
  public String email() {
    return Json.text(userJson(), "email");
  }

  /** Whether the provider says it has verified {@link #email()}. */
  public boolean emailVerified() {
    JsonNode v = userJson().path("email_verified");
    return v.asBoolean(false) || "true".equals(v.asText());
  }

  /**
   * The provider's session this login belongs to (the ID token's {@code sid}, OpenID Connect
   * Front-/Back-Channel Logout), or null if the provider named none: what a back-channel logout
   * names to end it.
   */
  public String sessionId() {
    return Json.text(idTokenClaims(), "sid");
  }

  /** The verified ID token's claims at login ({@code iss}, {@code sub}, {@code aud}...). */
  public JsonNode idTokenClaims() {
    return extra().path(Oidc.ID_TOKEN);
  }
}
