package org.oauthdropins.sites.yahoo;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Yahoo login. The key id is Yahoo's {@code sub}; {@link #userName()} is the {@code nickname};
 * {@link #userJson()} is the userinfo response; {@link #refreshToken()} renews the hour-long access
 * token.
 */
public final class YahooAuth extends OidcAuth {

  YahooAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }
}
