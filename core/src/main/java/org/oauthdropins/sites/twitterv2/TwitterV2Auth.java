package org.oauthdropins.sites.twitterv2;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Twitter/X OAuth 2 login (kind {@code TwitterOAuth2}, as the Python library names it). The key
 * id is the user's permanent {@code id}, {@link #userName()} the username, which can change; {@link
 * #userJson()} is the whole {@code /2/users/me} answer, {@code {"data": {...}}}, so the accessors
 * read inside {@code data}.
 */
public final class TwitterV2Auth extends AuthEntity {

  TwitterV2Auth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }
}
