package org.oauthdropins.docs;

// readme:start oidc-setup
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;

// readme:end

/** The README's generic OpenID Connect provider. */
final class OidcSetup {

  private OidcSetup() {}

  static Site<OidcAuth> keycloak() {
    // readme:start oidc-setup
    // Endpoints from https://sso.example.org/realms/main/.well-known/openid-configuration;
    // credentials from KEYCLOAK_CLIENT_ID / _SECRET (or the files keycloak_client_id...).
    Site<OidcAuth> keycloak =
        Oidc.create("keycloak", "https://sso.example.org/realms/main", SiteOptions.defaults());
    // readme:end
    return keycloak;
  }
}
