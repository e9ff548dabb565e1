package org.oauthdropins.docs;

// readme:start oidc-setup
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.oidc.Oidc;
import org.oauthdropins.oidc.OidcAuth;

// readme:end

/** The README's generic OpenID Connect provider. */
final class OidcSetup {

  private OidcSetup() {}

  static Site<OidcAuth> gitlab() {
    // readme:start oidc-setup
    // Endpoints from https://gitlab.com/.well-known/openid-configuration;
    // credentials from GITLAB_CLIENT_ID / GITLAB_CLIENT_SECRET (or the files gitlab_client_id...).
    Site<OidcAuth> gitlab = Oidc.create("gitlab", "https://gitlab.com", SiteOptions.defaults());
    // readme:end
    return gitlab;
  }
}
