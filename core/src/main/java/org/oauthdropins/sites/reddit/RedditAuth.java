package org.oauthdropins.sites.reddit;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Reddit login. The key id is the account id and {@link #userName()} the user name, which the
 * Python library keyed by; {@link #userJson()} is {@code /api/v1/me}; {@link #refreshToken()} is
 * the lasting credential (the access token lasts an hour and is refreshed on use).
 */
public final class RedditAuth extends AuthEntity {

  RedditAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The user's icon. Reddit HTML-escapes {@code &} in the URLs of its JSON unless asked not to, so
   * it is unescaped here: the Python library returns it escaped, but an app puts it into an {@code
   * <img src>}, where escaping the raw value as HTML would break the link.
   */
  @Override
  public String imageUrl() {
    String icon = Json.text(userJson(), "icon_img");
    return icon == null ? null : icon.replace("&amp;", "&");
  }
}
