package org.oauthdropins.docs;

// readme:start oidc-par-dpop
import org.oauthdropins.Button;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.Steps.When;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;

// readme:end

/** The README's OpenID Connect provider that must be asked for PAR and DPoP. */
final class OidcParDpopSetup {

  private OidcParDpopSetup() {}

  static Site<OidcAuth> strict() {
    // readme:start oidc-par-dpop
    SiteOptions o = SiteOptions.defaults();
    Site<OidcAuth> strict =
        Oidc.builder(
                "keycloak",
                "KeycloakAuth",
                "https://sso.example.org/realms/main",
                o.credentials("keycloak_client_id", "keycloak_client_secret"),
                o.transport())
            .button(Button.of("Sign in with Keycloak", "#4a5568", "#ffffff"))
            .options(o)
            .par(When.ALWAYS)
            .dpop(When.ALWAYS)
            .build();
    // readme:end
    return strict;
  }
}
