package org.oauthdropins.instagram;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * An Instagram professional account's login. The key id is the username; {@link #userJson()} is
 * {@code /me?fields=user_id,username,name,profile_picture_url}.
 */
public final class InstagramAuth extends AuthEntity {

  InstagramAuth(Site site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The Instagram professional account id ({@code user_id}). */
  @Override
  public String userId() {
    String id = Json.text(userJson(), "user_id");
    return id != null ? id : keyId();
  }

  /** The account's name, or its username if it has none. */
  @Override
  public String userDisplayName() {
    String name = Json.text(userJson(), "name");
    return name != null ? name : keyId();
  }

  @Override
  public String imageUrl() {
    return Json.text(userJson(), "profile_picture_url");
  }
}
