package org.oauthdropins.sites.apple;

import java.util.Locale;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Sign in with Apple login. The key id is the ID token's {@code sub}; {@link #userJson()} is the
 * ID token's claims plus the name Apple sent once, at the user's first authorization.
 */
public final class AppleAuth extends OidcAuth {

  AppleAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's first name, if Apple sent it at the first authorization. */
  public String firstName() {
    return Json.text(userJson(), "given_name");
  }

  /** The user's last name, if Apple sent it at the first authorization. */
  public String lastName() {
    return Json.text(userJson(), "family_name");
  }

  /**
   * Whether {@link #email()} is a private relay address that forwards to the user's real one: such
   * an address is specific to this app (team) and works only for mail sent from the domains the app
   * registered with Apple.
   */
  public boolean isPrivateEmail() {
    String claim = userJson().path("is_private_email").asText("");
    String email = email();
    return "true".equals(claim)
        || userJson().path("is_private_email").asBoolean(false)
        || email != null
            && email.toLowerCase(Locale.ROOT).endsWith("@" + Apple.PRIVATE_RELAY_DOMAIN);
  }
}
