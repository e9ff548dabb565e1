package org.oauthdropins.sites.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.http.Json;

/**
 * Notion, a public connection (base URL override {@code api}).
 *
 * <p>Endpoints: developers.notion.com, guide "Authorization" (public connections) and reference
 * "Create a token", "Refresh a token", "Revoke a token": the browser goes to {@code
 * api.notion.com/v1/oauth/authorize} with {@code owner=user} (which Notion requires); the code is
 * redeemed at {@code api.notion.com/v1/oauth/token} with the app by HTTP Basic. Notion's reference
 * shows that request's body as JSON; the engine sends the standard form body (RFC 6749 §4.1.3),
 * which is not what the reference shows: that Notion takes it too is not confirmed by Notion's
 * documentation, and the fake takes both. Notion documents neither scopes (a connection's
 * capabilities are set in its settings) nor PKCE, so neither is sent.
 *
 * <p>There is no profile request: {@code GET /v1/users/me} answers with the connection's bot, not
 * the person. The person is the token answer's {@code owner.user} ({@code id}, {@code name}, {@code
 * avatar_url}, {@code person.email}), and the stored profile is that object with the answer's
 * {@code workspace_id}, {@code workspace_name}, {@code workspace_icon} and {@code bot_id} beside
 * it. The refresh token (the "Refresh a token" reference) renews the token and is replaced by the
 * new one each time. Revocation: {@code POST /v1/oauth/revoke} with Basic and the token (the
 * "Revoke a token" reference); as at the token endpoint, the reference shows a JSON body and the
 * engine sends RFC 7009's form, which Notion taking is not confirmed.
 *
 * <p>The key is {@code <workspace_id>:<user id>}: a token is for one workspace (its bot), so the
 * same person connecting two workspaces holds two tokens that must not replace each other, as
 * Slack's key holds the team. The user id is Notion's UUID for the person; the name and email can
 * change. API calls carry {@code Notion-Version: }{@value #VERSION}, which Notion requires.
 */
public final class Notion {

  /**
   * The {@code api} base URL of the OAuth endpoints and the API; {@code withBase(Notion.API, url)}.
   */
  public static final SiteBase API = SiteBase.of("api", "https://api.notion.com");

  /** The API version every request names (Notion refuses requests without one). */
  public static final String VERSION = "2022-06-28";

  /** Lists Notion for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("notion", "notion_client_id", "notion_client_secret", Notion::create);

  private Notion() {}

  /** Notion with the given options; credentials default to {@code notion_client_id/secret}. */
  public static OAuth2Site<NotionAuth> create(SiteOptions o) {
    return OAuth2Site.builder("notion", "NotionAuth")
        // Notion's black and white.
        .button(Button.of("Sign in with Notion", "#000000", "#FFFFFF"))
        .credentials(o.credentials("notion_client_id", "notion_client_secret"))
        .options(o)
        .apiBase(o.url(API, "/v1"))
        .authorizeUrl(o.url(API, "/v1/oauth/authorize"))
        .tokenUrl(o.url(API, "/v1/oauth/token"))
        .clientAuth(ClientAuth.BASIC)
        .pkce(false)
        .authorizeParams(Map.of("owner", "user"))
        .header("Notion-Version", VERSION)
        .profile((transport, token) -> owner(token.json()))
        .keyId(
            (user, answer) -> {
              String workspace = Json.text(user, "workspace_id");
              String id = Json.text(user, "id");
              return workspace == null || id == null ? null : workspace + ":" + id;
            })
        .profileFields(new ProfileFields("/id", "/name", "/avatar_url", null))
        .entity(NotionAuth::new)
        // developers.notion.com "Revoke a token": POST /v1/oauth/revoke, the app by HTTP Basic.
        .revocation(Revocation.rfc7009(o.url(API, "/v1/oauth/revoke")))
        .build();
  }

  /** The person who connected, from the token answer, with the workspace the token is for. */
  private static JsonNode owner(JsonNode answer) {
    JsonNode user = answer.path("owner").path("user");
    if (!user.isObject() || Json.text(user, "id") == null) {
      throw new ProviderException("notion token answer names no owner user");
    }
    ObjectNode profile = ((ObjectNode) user).deepCopy();
    for (String field :
        new String[] {"workspace_id", "workspace_name", "workspace_icon", "bot_id"}) {
      profile.set(field, answer.path(field).isMissingNode() ? null : answer.get(field));
    }
    return profile;
  }
}
