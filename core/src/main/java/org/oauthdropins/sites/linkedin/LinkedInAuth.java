package org.oauthdropins.sites.linkedin;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A LinkedIn login. The key id is the OpenID Connect {@code sub}; {@link #userJson()} is the
 * userinfo response ({@code name}, {@code given_name}, {@code family_name}, {@code picture}, {@code
 * email}...).
 */
public final class LinkedInAuth extends OidcAuth {

  LinkedInAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The member's name, else given and family name, else the subject. */
  @Override
  public String userDisplayName() {
    String name = Json.text(userJson(), "name");
    if (name != null) {
      return name;
    }
    String given = Json.text(userJson(), "given_name");
    String family = Json.text(userJson(), "family_name");
    if (given != null || family != null) {
      return ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
    }
    return keyId();
  }
}
