package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Box, after developer.box.com ("OAuth 2.0 without SDKs", "Request access token", "Refresh
 * Tokens", "Get current user" and the user object), on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /api/oauth2/authorize}: an exactly registered redirect URI; a denial redirects with
 *       {@code error=access_denied} and Box's description.
 *   <li>{@code /oauth2/token}: {@code client_id} and {@code client_secret} in the form body only
 *       (Box documents no HTTP Basic); hour-long access tokens with a 60-day refresh token that is
 *       single-use: a refresh answers with a new one and the spent one is refused from then on.
 *   <li>{@code /2.0/users/me}: the user object for a valid Bearer token, else 401 with Box's error
 *       object.
 *   <li>{@code /oauth2/revoke}: RFC 7009 with the app in the form; the access or the refresh token
 *       ends the grant, after which the API answers 401 and the refresh token is refused.
 * </ul>
 */
public final class FakeBox extends OAuth2Fake {

  /** The fake user's Box id, a numeric string as Box gives them. */
  public static final String USER_ID = "11446498";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeBox() {
    super("box", config(), user());
    server().route("/2.0/users/me", this::me);
    // developer.box.com "Revoke access token": POST /oauth2/revoke, the access or refresh token.
    oauth().revocationEndpoint("/oauth2/revoke");
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Box",
        "/api/oauth2/authorize",
        "/oauth2/token",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of(
            "error", "access_denied",
            "error_description", "The user denied access to your application"),
        "box_",
        3600L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("type", "user");
    user.put("id", USER_ID);
    user.put("name", "Aaron Levie");
    user.put("login", "ceo@example.com");
    user.put("language", "en");
    user.put("timezone", "Africa/Bujumbura");
    user.put("status", "active");
    user.put("avatar_url", "https://www.box.com/api/avatar/large/181216415");
    return user;
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      ObjectNode error = Json.object();
      error.put("type", "error");
      error.put("status", 401);
      error.put("code", "unauthorized");
      error.put("message", "Unauthorized");
      return FakeResponse.json(401, error);
    }
    return FakeResponse.json(200, user);
  }
}
