package org.oauthdropins.sites.gitea;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Forgejo or Gitea login (gitea.com, Codeberg or another instance). The key id is {@code
 * sub@instance}; {@link #userJson()} is the userinfo; {@link #apiUrl(String)} is below the
 * instance's {@code /api/v1}.
 */
public final class GiteaAuth extends OidcAuth {

  GiteaAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The organizations and teams the user belongs to ({@code groups}), as Gitea names them. */
  public java.util.List<String> groups() {
    java.util.List<String> out = new java.util.ArrayList<>();
    userJson().path("groups").forEach(g -> out.add(g.asText()));
    return out;
  }
}
