package org.oauthdropins.sites.pixelfed;

import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.sites.mastodon.MastodonAuth;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/** A Pixelfed login: a {@link MastodonAuth} whose actor lives at {@code /users/<username>}. */
public final class PixelfedAuth extends MastodonAuth {

  PixelfedAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  @Override
  public String actorId() {
    return instance() + "/users/" + username();
  }
}
