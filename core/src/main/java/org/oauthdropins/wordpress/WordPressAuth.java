package org.oauthdropins.wordpress;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A WordPress.com login, which is for one blog: the key id is the blog's host name, {@link
 * #userJson()} is {@code /rest/v1/me}, and the token acts only on {@link #blogId()}.
 */
public final class WordPressAuth extends AuthEntity {

  WordPressAuth(Site site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The id of the blog the token is for, as WordPress.com's REST API takes it in paths. */
  public String blogId() {
    return Json.text(extra(), "blog_id");
  }

  /** The URL of the blog the token is for. */
  public String blogUrl() {
    return Json.text(extra(), "blog_url");
  }

  /** The user's numeric WordPress.com id. */
  @Override
  public String userId() {
    String id = Json.text(userJson(), "ID");
    return id != null ? id : keyId();
  }

  /** The user's display name, else their username, else the blog's host name. */
  @Override
  public String userDisplayName() {
    String name = Json.text(userJson(), "display_name");
    if (name == null) {
      name = Json.text(userJson(), "username");
    }
    return name != null ? name : keyId();
  }

  @Override
  public String imageUrl() {
    return Json.text(userJson(), "avatar_URL");
  }
}
