package org.oauthdropins.sites.twitter;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oauth1.OAuth1Auth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Twitter login. The key id is the user's {@code id_str}, which never changes; {@link
 * #userName()} is the screen name, which may; {@link #userJson()} is {@code verify_credentials}.
 * {@link #get(String)}, {@link #post(String, Object)} and {@link #postForm(String, java.util.Map)}
 * sign with the user's token.
 */
public final class TwitterAuth extends OAuth1Auth {

  TwitterAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }
}
