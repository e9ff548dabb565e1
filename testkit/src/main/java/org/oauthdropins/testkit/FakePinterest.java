package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Pinterest, after developers.pinterest.com ("Set up authentication and authorization", v5
 * "Generate OAuth access token", "Get user account"), on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /oauth/}: an exactly registered redirect URI and a comma-separated {@code scope}.
 *   <li>{@code /v5/oauth/token}: the app by HTTP Basic only; 30-day access tokens with a refresh
 *       token, {@code refresh_token_expires_in} and {@code response_type}; a refresh answers with a
 *       new refresh token (continuous refresh).
 *   <li>{@code /v5/user_account}: the account for a valid Bearer token granted {@code
 *       user_accounts:read}; 401 {@code Authentication failed.} for a bad token, 403 without the
 *       scope.
 * </ul>
 */
public final class FakePinterest extends OAuth2Fake {

  /** The fake account's Pinterest id. */
  public static final String ACCOUNT_ID = "549755885175";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakePinterest() {
    super("pinterest", config(), user());
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              body.put("response_type", params == null ? "refresh_token" : "authorization_code");
              body.put("refresh_token_expires_in", 31536000);
              return body;
            });
    server().route("/v5/user_account", this::account);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Pinterest",
        "/oauth/",
        "/v5/oauth/token",
        Set.of(ClientAuth.BASIC),
        false,
        false,
        Map.of("error", "access_denied"),
        "pina_",
        2592000L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("account_type", "PINNER");
    user.put("id", ACCOUNT_ID);
    user.put("profile_image", "https://i.pinimg.com/280x280_RS/pin.jpg");
    user.put("website_url", "https://example.com");
    user.put("username", "pinpal");
    user.put("about", "Boards about boards");
    user.put("pin_count", 12);
    user.put("board_count", 3);
    return user;
  }

  private FakeResponse account(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(401, Map.of("code", 2, "message", "Authentication failed."));
    }
    if (!Arrays.asList(oauth().scope(r).orElse("").split(",")).contains("user_accounts:read")) {
      return FakeResponse.json(
          403, Map.of("code", 3, "message", "Not authorized to access the user account."));
    }
    return FakeResponse.json(200, user);
  }
}
