package org.oauthdropins.sites.twitch;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Twitch login. The key id is {@code sub}, the Twitch user id; {@link #userJson()} is the
 * userinfo answer with the claims the login asked for ({@code preferred_username}, {@code picture},
 * and {@code email} when the scope {@code user:read:email} was granted); {@link #refreshToken()}
 * renews the access token.
 */
public final class TwitchAuth extends OidcAuth {

  TwitchAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }
}
