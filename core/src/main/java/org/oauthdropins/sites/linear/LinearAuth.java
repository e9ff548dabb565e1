package org.oauthdropins.sites.linear;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Linear login. The key id is the viewer's {@code id}; {@link #userJson()} is the GraphQL {@code
 * viewer} with its {@code organization}; {@link #refreshToken()} renews the day-long token.
 */
public final class LinearAuth extends AuthEntity {

  LinearAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's email address, or null. */
  public String email() {
    return Json.text(userJson(), "email");
  }

  /** The id of the user's Linear workspace (organization), or null. */
  public String organizationId() {
    return Json.text(userJson().path("organization"), "id");
  }

  /** The workspace's URL key ({@code linear.app/<urlKey>}), or null. */
  public String organizationUrlKey() {
    return Json.text(userJson().path("organization"), "urlKey");
  }
}
