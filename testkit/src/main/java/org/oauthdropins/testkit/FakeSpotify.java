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
 * A fake Spotify, after developer.spotify.com's Web API tutorials ("Authorization Code Flow",
 * "Authorization Code with PKCE Flow", "Refreshing tokens") and its reference ("Get Current User's
 * Profile", the user object, "Web API" error objects), on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /authorize}: a redirect URI that matches a registered one exactly ("including upper
 *       or lowercase, terminating slashes"); a denial redirects with {@code error=access_denied}
 *       and the state, and no description.
 *   <li>{@code /api/token}: form-encoded only ("Content-Type: Required. Always set to
 *       application/x-www-form-urlencoded"), the app by HTTP Basic only (the code flow's "Basic
 *       base64 encoded client_id:client_secret"; the secret in the body is not what Spotify
 *       documents); the PKCE verifier when a challenge was sent; hour-long access tokens ({@code
 *       expires_in} 3600) with a refresh token. A refresh answers without a new refresh token and
 *       the old one stays good, which "Refreshing tokens" allows.
 *   <li>{@code /v1/me}: the user object for a valid Bearer token, {@code email} only with the scope
 *       {@code user-read-email}, {@code country}, {@code product} and {@code explicit_content} only
 *       with {@code user-read-private}; otherwise 401 with Spotify's error object ({@code {"error":
 *       {"status": 401, "message": ...}}}).
 * </ul>
 */
public final class FakeSpotify extends OAuth2Fake {

  /** The fake user's Spotify id, of the kind Spotify gives new accounts. */
  public static final String WIZZLER_ID = "31l77y2v3iqtkj3ub2s6a5qs7lcq";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeSpotify() {
    super("spotify", config(), user());
    oauth().tokenGuard(TokenGuards::formEncoded);
    oauth().keepRefreshTokens();
    server().route("/v1/me", this::me);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Spotify",
        "/authorize",
        "/api/token",
        Set.of(ClientAuth.BASIC),
        false,
        false,
        Map.of("error", "access_denied"),
        "BQ",
        3600L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", WIZZLER_ID);
    user.put("display_name", "Wizzler");
    user.put("type", "user");
    user.put("uri", "spotify:user:" + WIZZLER_ID);
    user.put("href", "https://api.spotify.com/v1/users/" + WIZZLER_ID);
    user.putObject("external_urls").put("spotify", "https://open.spotify.com/user/" + WIZZLER_ID);
    user.putObject("followers").putNull("href").put("total", 12);
    ObjectNode image = user.putArray("images").addObject();
    image.put("url", "https://i.scdn.co/image/ab67757000003b82wizzler");
    image.put("height", 300);
    image.put("width", 300);
    user.put("email", "wizzler@example.com");
    user.put("country", "SE");
    user.put("product", "premium");
    user.putObject("explicit_content").put("filter_enabled", false).put("filter_locked", false);
    return user;
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      ObjectNode error = Json.object();
      error.putObject("error").put("status", 401).put("message", "Invalid access token");
      return FakeResponse.json(401, error);
    }
    List<String> scopes = Arrays.asList(oauth().scope(r).orElse("").split(" "));
    ObjectNode shown = user.deepCopy();
    if (!scopes.contains("user-read-email")) {
      shown.remove("email");
    }
    if (!scopes.contains("user-read-private")) {
      shown.remove(List.of("country", "product", "explicit_content"));
    }
    return FakeResponse.json(200, shown);
  }
}
