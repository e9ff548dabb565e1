package org.oauthdropins.tumblr;

import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Json;
import org.oauthdropins.oauth1.OAuth1Auth;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Tumblr login. The key id is the user's name; {@link #userJson()} is the {@code user/info}
 * response, <code>{"user":{...}}</code>.
 */
public final class TumblrAuth extends OAuth1Auth {

  TumblrAuth(Site site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The avatar of the user's first blog, or null. */
  @Override
  public String imageUrl() {
    return Json.text(userJson().path("user").path("blogs").path(0).path("avatar").path(0), "url");
  }
}
