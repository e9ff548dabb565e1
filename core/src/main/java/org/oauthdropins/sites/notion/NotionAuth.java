package org.oauthdropins.sites.notion;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Notion login: one person's connection of one workspace. The key id is {@code
 * <workspace_id>:<user id>}; {@link #userJson()} is the token answer's {@code owner.user} with the
 * workspace beside it.
 */
public final class NotionAuth extends AuthEntity {

  NotionAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The id of the workspace this login's token is for. */
  public String workspaceId() {
    return Json.text(userJson(), "workspace_id");
  }

  /** The workspace's name as Notion showed it at the login, or null. */
  public String workspaceName() {
    return Json.text(userJson(), "workspace_name");
  }

  /** The id of the connection's bot in that workspace, who the API calls act as. */
  public String botId() {
    return Json.text(userJson(), "bot_id");
  }

  /** The person's email address at Notion, or null when Notion did not share it. */
  public String email() {
    return Json.text(userJson().path("person"), "email");
  }
}
