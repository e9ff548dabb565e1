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

  static Site<OidcAuth> authentik() {
    // readme:start oidc-setup
    // Endpoints from https://sso.example.org/application/o/main/.well-known/openid-configuration;
    // credentials from AUTHENTIK_CLIENT_ID / _SECRET (or the files authentik_client_id...).
    Site<OidcAuth> authentik =
        Oidc.create(
            "authentik", "https://sso.example.org/application/o/main/", SiteOptions.defaults());
    // readme:end
    return authentik;
  }
}
