package org.oauthdropins.sites.github;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A GitHub login. The key id is the user's {@code databaseId}, which never changes; {@link
 * #userName()} is the login, which may; {@link #userJson()} is the GraphQL viewer.
 */
public final class GitHubAuth extends AuthEntity {

  GitHubAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }
}
