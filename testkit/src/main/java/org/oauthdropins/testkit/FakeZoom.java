package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Zoom, after developers.zoom.us ("OAuth 2.0", user authorization with PKCE, and the Users
 * API's "Get a user"), on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /oauth/authorize}: a redirect URI registered for the app, matched exactly; a denial
 *       redirects with {@code error=access_denied} and the state.
 *   <li>{@code /oauth/token}: form-encoded only, the app by HTTP Basic only, the PKCE verifier when
 *       a challenge was sent; hour-long tokens ({@code expires_in} 3599) and a refresh token that a
 *       refresh replaces, the old one then refused.
 *   <li>{@code /v2/users/me}: the user for a valid Bearer token whose scopes include {@code
 *       user:read:user} or {@code user:read}; a login that asked for no scope has the scopes the
 *       app was configured with, here {@code user:read:user}. Otherwise 401 with Zoom's {@code
 *       {"code": 124, "message": "Invalid access token."}}.
 * </ul>
 *
 * <p>Not confirmed from the documentation, and so chosen: the exact parameters of a denial's
 * redirect.
 */
public final class FakeZoom extends OAuth2Fake {

  /** The fake user's Zoom id. */
  public static final String JCHILL_ID = "KDcuGIm1QgePTO8WbOqwIQ";

  /** The scopes the fake app was configured with, which a login without scope gets. */
  static final String CONFIGURED = "user:read:user";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeZoom() {
    super("zoom", config(), user());
    // Zoom's /oauth/revoke: the app by HTTP Basic, as at /oauth/token.
    oauth().revocationEndpoint("/oauth/revoke");
    oauth().tokenGuard(TokenGuards::formEncoded);
    server().route("/v2/users/me", this::me);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Zoom",
        "/oauth/authorize",
        "/oauth/token",
        Set.of(ClientAuth.BASIC),
        false,
        false,
        Map.of("error", "access_denied"),
        "eyJzdiI6IjAwMDAwMSJ9.",
        3599L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", JCHILL_ID);
    user.put("first_name", "Jill");
    user.put("last_name", "Chill");
    user.put("display_name", "Jill Chill");
    user.put("email", "jchill@example.com");
    user.put("type", 1);
    user.put("pic_url", "https://example.com/photo.jpg");
    user.put("account_id", "q6gBJVO5TzexKYTb_I2rpg");
    user.put("status", "active");
    return user;
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    String granted = oauth().scope(r).orElse("");
    List<String> scopes = Arrays.asList((granted.isEmpty() ? CONFIGURED : granted).split(" "));
    if (user == null || !scopes.contains("user:read:user") && !scopes.contains("user:read")) {
      return FakeResponse.json(401, Map.of("code", 124, "message", "Invalid access token."));
    }
    return FakeResponse.json(200, user);
  }
}
