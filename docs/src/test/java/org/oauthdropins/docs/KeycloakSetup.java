package org.oauthdropins.docs;

// readme:start keycloak-setup
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.sites.keycloak.Keycloak;
import org.oauthdropins.sites.keycloak.KeycloakAuth;

// readme:end

/** The README's Keycloak realm. */
final class KeycloakSetup {

  private KeycloakSetup() {}

  static OAuth2Site<KeycloakAuth> keycloak() {
    // readme:start keycloak-setup
    // The realm's URL is its issuer; credentials from KEYCLOAK_CLIENT_ID / _SECRET.
    OAuth2Site<KeycloakAuth> keycloak =
        Keycloak.create(
            SiteOptions.defaults().withBase(Keycloak.REALM, "https://sso.example.org/realms/main"));
    // readme:end
    return keycloak;
  }
}
