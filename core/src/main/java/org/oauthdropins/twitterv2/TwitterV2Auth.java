package org.oauthdropins.twitterv2;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Twitter/X OAuth 2 login (kind {@code TwitterOAuth2}, as the Python library names it). The key
 * id is the username; {@link #userJson()} is the whole {@code /2/users/me} answer, {@code {"data":
 * {...}}}, so the accessors read inside {@code data}.
 */
public final class TwitterV2Auth extends AuthEntity {

  TwitterV2Auth(Site site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The numeric user id, which unlike the username never changes. */
  @Override
  public String userId() {
    String id = Json.text(userJson(), "data", "id");
    return id != null ? id : keyId();
  }

  /** The user's name, or their username. */
  @Override
  public String userDisplayName() {
    String name = Json.text(userJson(), "data", "name");
    return name != null ? name : keyId();
  }

  @Override
  public String imageUrl() {
    return Json.text(userJson(), "data", "profile_image_url");
  }
}
