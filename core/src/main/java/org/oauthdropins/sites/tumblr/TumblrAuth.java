package org.oauthdropins.sites.tumblr;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oauth1.OAuth1Auth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Tumblr login. The key id is the {@code uuid} of the user's primary blog, {@link #userName()}
 * the user's name, which can change; {@link #userJson()} is the {@code user/info} response, <code>
 * {"user":{...}}</code>.
 */
public final class TumblrAuth extends OAuth1Auth {

  TumblrAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }
}
