package org.oauthdropins.github;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/** A GitHub login. The key id is the user's login; {@link #userJson()} is the GraphQL viewer. */
public final class GitHubAuth extends AuthEntity {

  GitHubAuth(Site site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** GitHub's global node id of the user. */
  @Override
  public String userId() {
    String id = Json.text(userJson(), "id");
    return id != null ? id : keyId();
  }

  /** The user's name, or their login if they have set none. */
  @Override
  public String userDisplayName() {
    String name = Json.text(userJson(), "name");
    return name != null ? name : keyId();
  }

  @Override
  public String imageUrl() {
    return Json.text(userJson(), "avatarUrl");
  }
}
