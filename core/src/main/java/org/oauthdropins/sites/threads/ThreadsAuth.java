package org.oauthdropins.sites.threads;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Threads login. The key id is the Threads user id; {@link #userJson()} is {@code /me} with
 * {@code id,username,name,threads_profile_picture_url,threads_biography}. The access token is the
 * long-lived one, renewed and written back to the store before it runs out.
 */
public final class ThreadsAuth extends AuthEntity {

  ThreadsAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }
}
