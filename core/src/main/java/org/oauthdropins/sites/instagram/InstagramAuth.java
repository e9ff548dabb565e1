package org.oauthdropins.sites.instagram;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * An Instagram professional account's login. The key id is the app-scoped user id, {@link
 * #userName()} the username, which can change; {@link #userJson()} is {@code
 * /me?fields=user_id,username,name,profile_picture_url}.
 */
public final class InstagramAuth extends AuthEntity {

  InstagramAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }
}
