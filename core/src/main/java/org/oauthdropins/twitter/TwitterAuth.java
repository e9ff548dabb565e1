package org.oauthdropins.twitter;

import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Json;
import org.oauthdropins.oauth1.OAuth1Auth;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Twitter login. The key id is the screen name; {@link #userJson()} is {@code
 * verify_credentials}. {@link #get(String)}, {@link #post(String, Object)} and {@link
 * #postForm(String, java.util.Map)} sign with the user's token.
 */
public final class TwitterAuth extends OAuth1Auth {

  TwitterAuth(Site site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** Twitter's numeric user id, as a string. */
  @Override
  public String userId() {
    String id = Json.text(userJson(), "id_str");
    return id != null ? id : keyId();
  }

  @Override
  public String imageUrl() {
    return Json.text(userJson(), "profile_image_url_https");
  }
}
