package org.oauthdropins.sites.wordpress;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A WordPress.com login, which is for one blog: the key id is the blog's id, {@link #userName()}
 * its host name (which can change), {@link #userJson()} is {@code /rest/v1/me}, and the token acts
 * only on {@link #blogId()}.
 */
public final class WordPressAuth extends AuthEntity {

  WordPressAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
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

  /**
   * The host name of the blog this login is for, without {@code www.}, {@code m.} or {@code
   * mobile.}: what the Python library keyed it by. A blog can move and its old address can go to
   * another blog, so it is for showing, never for finding a login.
   */
  @Override
  public String userName() {
    return WordPress.host(blogUrl());
  }

  /** The user's display name, else their username, else the blog's host name. */
  @Override
  public String userDisplayName() {
    String name = Json.text(userJson(), "display_name");
    if (name == null) {
      name = Json.text(userJson(), "username");
    }
    return name != null ? name : userName();
  }
}
