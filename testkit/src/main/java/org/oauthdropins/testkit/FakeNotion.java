package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Notion, after developers.notion.com (guide "Authorization" for public connections,
 * reference "Create a token", "Refresh a token", "Retrieve your token's bot user", "Versioning"):
 *
 * <ul>
 *   <li>{@code /v1/oauth/authorize}: an exactly registered redirect URI and {@code owner=user}
 *       (Notion's authorization URL carries it; anything else is refused).
 *   <li>{@code /v1/oauth/token}: the app by HTTP Basic only; no {@code expires_in}; the answer
 *       names the connection's {@code bot_id}, the workspace ({@code workspace_id}, {@code
 *       workspace_name}, {@code workspace_icon}) and the person as {@code owner.user}; a refresh
 *       answers with a new refresh token and spends the old one.
 *   <li>{@code /v1/users/me}: the bot user (not the person) for a valid Bearer token, and only with
 *       a {@code Notion-Version} header (400 {@code missing_version} without one, as Notion
 *       answers); 401 {@code unauthorized} for a bad token.
 *   <li>{@code /v1/oauth/revoke}: the app by HTTP Basic and the token; the grant ends.
 * </ul>
 */
public final class FakeNotion extends OAuth2Fake {

  /** The fake person's Notion user id. */
  public static final String USER_ID = "6794760a-1f15-45cd-9c65-0dfe42f5135a";

  /** The workspace the fake's tokens are for. */
  public static final String WORKSPACE_ID = "b5f2ab7e-4d3a-4f6c-9b0e-2a8c1d7e9f10";

  /** The connection's bot in that workspace. */
  public static final String BOT_ID = "0c1b7c0e-6c1b-4b5e-8a44-3f7a9d2b1e55";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeNotion() {
    super("notion", config(), user());
    oauth()
        .authorizeGuard(p -> "user".equals(p.get("owner")) ? null : "invalid_request")
        .shapeTokens(
            (body, who, params) -> {
              body.put("bot_id", BOT_ID);
              body.put("workspace_id", WORKSPACE_ID);
              body.put("workspace_name", "Acme HQ");
              body.put("workspace_icon", "https://www.notion.so/images/acme.png");
              body.putNull("duplicated_template_id");
              body.put("request_id", "2f0a4c9e-7d0b-4b8f-8e5e-6a1c2b3d4e5f");
              ObjectNode owner = body.putObject("owner");
              owner.put("type", "user");
              owner.set("user", who.deepCopy());
              return body;
            });
    server().route("/v1/users/me", this::me);
    // developers.notion.com "Revoke a token": POST /v1/oauth/revoke, the app by HTTP Basic.
    oauth().revocationEndpoint("/v1/oauth/revoke");
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Notion",
        "/v1/oauth/authorize",
        "/v1/oauth/token",
        Set.of(ClientAuth.BASIC),
        false,
        false,
        Map.of("error", "access_denied"),
        "ntn_",
        null,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("object", "user");
    user.put("id", USER_ID);
    user.put("name", "Avery Quill");
    user.put("avatar_url", "https://s3-us-west-2.amazonaws.com/public.notion-static.com/avery.png");
    user.put("type", "person");
    user.putObject("person").put("email", "avery@example.com");
    return user;
  }

  private FakeResponse me(FakeRequest r) {
    if (r.header("notion-version") == null) {
      return error(400, "missing_version", "Notion-Version header failed validation");
    }
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return error(401, "unauthorized", "API token is invalid.");
    }
    ObjectNode bot = Json.object();
    bot.put("object", "user");
    bot.put("id", BOT_ID);
    bot.put("name", "Acme connection");
    bot.putNull("avatar_url");
    bot.put("type", "bot");
    ObjectNode botPart = bot.putObject("bot");
    ObjectNode owner = botPart.putObject("owner");
    owner.put("type", "user");
    owner.set("user", user.deepCopy());
    botPart.put("workspace_name", "Acme HQ");
    return FakeResponse.json(200, bot);
  }

  private static FakeResponse error(int status, String code, String message) {
    ObjectNode error = Json.object();
    error.put("object", "error");
    error.put("status", status);
    error.put("code", code);
    error.put("message", message);
    return FakeResponse.json(status, error);
  }
}
