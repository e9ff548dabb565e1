package org.oauthdropins.sites.meetup;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/** A Meetup login. The key id is the member id; {@link #userJson()} is the GraphQL {@code self}. */
public final class MeetupAuth extends AuthEntity {

  MeetupAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }
}
