package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake LINE Platform, after developers.line.biz's "Integrating LINE Login with your web app" and
 * "LINE Login v2.1 API reference", on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /oauth2/v2.1/authorize}: a redirect URI registered for the channel, matched exactly
 *       (the callback URL in the console); a denial redirects with {@code error=access_denied},
 *       {@code error_description=The resource owner denied the request.} and the state.
 *   <li>{@code /oauth2/v2.1/token}: form-encoded only, the channel id and secret in the body only
 *       ({@code client_id}, {@code client_secret}; LINE documents no other client authentication),
 *       the PKCE verifier when a challenge was sent; 30-day access tokens ({@code expires_in}
 *       2592000) and a refresh token, replaced by a new one on each refresh.
 *   <li>{@code /v2/profile}: {@code userId}, {@code displayName}, {@code pictureUrl} and {@code
 *       statusMessage} for a valid Bearer token granted the scope {@code profile}; otherwise 401
 *       with LINE's {@code {"message": ...}} error body.
 * </ul>
 *
 * <p>Not confirmed from the documentation, and so chosen: the status of {@code /v2/profile} for a
 * token without the {@code profile} scope (the fake answers 403 with a {@code message}).
 */
public final class FakeLine extends OAuth2Fake {

  /** The fake user's LINE user id: {@code U} and 32 hex digits, as LINE's ids are. */
  public static final String BROWN_ID = "U4af4980629a2b1c3d4e5f60718293a4b";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeLine() {
    super("line", config(), user());
    oauth().tokenGuard(TokenGuards::formEncoded);
    server().route("/v2/profile", this::profile);
    // "Revoke access token": client_id, client_secret and access_token; 200 with an empty body.
    oauth()
        .formRevocationAt("/oauth2/v2.1/revoke", "access_token", () -> FakeResponse.text(200, ""));
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "LINE",
        "/oauth2/v2.1/authorize",
        "/oauth2/v2.1/token",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of(
            "error", "access_denied",
            "error_description", "The resource owner denied the request."),
        "eyJhbGciOiJIUzI1NiJ9.",
        2592000L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("userId", BROWN_ID);
    user.put("displayName", "Brown");
    user.put("pictureUrl", "https://profile.line-scdn.net/abcdefghijklmn");
    user.put("statusMessage", "Hello, LINE!");
    return user;
  }

  private FakeResponse profile(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401,
          Map.of(
              "message",
              "Authentication failed. Confirm that the access token in the authorization header is valid."));
    }
    if (!Arrays.asList(oauth().scope(r).orElse("").split(" ")).contains("profile")) {
      return FakeResponse.json(403, Map.of("message", "Not allowed to use the API."));
    }
    return FakeResponse.json(200, user);
  }
}
