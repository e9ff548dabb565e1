package org.oauthdropins.sites.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A GitLab login. The key id is the user's numeric id ({@code sub}), qualified by the instance
 * ({@code sub@host/path}) everywhere but on gitlab.com, since ids are numbered per instance; {@link
 * #userName()} is the GitLab username ({@code nickname}), which its owner may change; {@link
 * #userJson()} is the userinfo response.
 */
public final class GitLabAuth extends OidcAuth {

  GitLabAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's full name, else their GitLab username, else the key id. */
  @Override
  public String userDisplayName() {
    String name = Json.text(userJson(), "name");
    if (name != null && !name.isBlank()) {
      return name;
    }
    String user = userName();
    return user != null ? user : keyId();
  }

  /** The URL of the user's GitLab profile page ({@code profile}), or null. */
  public String profileUrl() {
    return Json.text(userJson(), "profile");
  }

  /**
   * The paths of the groups the user belongs to, directly or through an ancestor group ({@code
   * groups} of userinfo), as of this login; empty if GitLab sent none.
   */
  public List<String> groups() {
    List<String> paths = new ArrayList<>();
    JsonNode groups = userJson().path("groups");
    groups.forEach(g -> paths.add(g.asText()));
    return List.copyOf(paths);
  }
}
