package org.oauthdropins.sites.disqus;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Disqus login. The key id is the numeric Disqus user id; {@link #userJson()} is the {@code
 * response} of {@code users/details.json}. Its API helpers add {@code access_token} and {@code
 * api_key} to the query.
 */
public final class DisqusAuth extends AuthEntity {

  DisqusAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }
}
