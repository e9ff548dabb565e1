package org.oauthdropins.sites.slack;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Sign in with Slack login. The key id is {@code <team id>:<user id>}; {@link #userJson()} is the
 * {@code openid.connect.userInfo} answer, with Slack's own claims under {@code https://slack.com/}.
 */
public final class SlackAuth extends OidcAuth {

  SlackAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The workspace the user signed in with, from the verified ID token. */
  public String teamId() {
    return Json.text(idTokenClaims(), Slack.TEAM_ID);
  }

  /** The workspace's name, or null. */
  public String teamName() {
    return Json.text(userJson(), "https://slack.com/team_name");
  }

  /** The workspace's domain ({@code <domain>.slack.com}), or null. */
  public String teamDomain() {
    return Json.text(userJson(), "https://slack.com/team_domain");
  }
}
