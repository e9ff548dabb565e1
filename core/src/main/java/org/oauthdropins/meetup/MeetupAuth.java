package org.oauthdropins.meetup;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/** A Meetup login. The key id is the member id; {@link #userJson()} is the GraphQL {@code self}. */
public final class MeetupAuth extends AuthEntity {

  MeetupAuth(Site site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The member's name, or the member id if Meetup sent none. */
  @Override
  public String userDisplayName() {
    String name = Json.text(userJson(), "name");
    return name != null ? name : keyId();
  }

  /** The member's photo thumbnail, or null if they have none. */
  @Override
  public String imageUrl() {
    return Json.text(userJson(), "memberPhoto", "thumbUrl");
  }
}
