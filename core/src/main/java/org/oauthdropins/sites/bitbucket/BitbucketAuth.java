package org.oauthdropins.sites.bitbucket;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Bitbucket Cloud login. The key id is the user's {@code uuid}; {@link #userName()} is the {@code
 * username}; {@link #userJson()} is {@code GET /2.0/user}; {@link #refreshToken()} renews the
 * two-hour access token.
 */
public final class BitbucketAuth extends AuthEntity {

  BitbucketAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's Atlassian account id ({@code account_id}), or null. */
  public String accountId() {
    return Json.text(userJson(), "account_id");
  }

  /** The user's Bitbucket page ({@code links.html.href}), or null. */
  public String profileUrl() {
    return Json.text(userJson().path("links").path("html"), "href");
  }
}
