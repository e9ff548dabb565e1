package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Atlassian account, after developer.atlassian.com's "OAuth 2.0 (3LO) apps" and "User
 * Identity API", on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /authorize}: {@code audience=api.atlassian.com} is required (else {@code
 *       error=invalid_request}, as an authorization request without it names no API); the callback
 *       URL must match the app's exactly; a denial redirects with {@code error=access_denied}.
 *   <li>{@code /oauth/token}: the app by its id and secret in the body; hour-long access tokens; a
 *       refresh token only for {@code offline_access}, rotated at every refresh (the old one is
 *       then refused).
 *   <li>{@code /me}: {@code account_id}, {@code name}, {@code nickname}, {@code picture}, {@code
 *       email}, {@code account_status}... for a valid Bearer token of a login granted {@code
 *       read:me}; otherwise 401 (403 without the scope).
 * </ul>
 */
public final class FakeAtlassian extends OAuth2Fake {

  /** The fake user's Atlassian account id. */
  public static final String RADIA_ID = "5b10ac8d82e05b22cc7d4ef5";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeAtlassian() {
    super("atlassian", config(), radia());
    oauth()
        .authorizeGuard(
            params ->
                "api.atlassian.com".equals(params.get("audience")) ? null : "invalid_request");
    oauth().refreshOnlyFor("offline_access");
    server().route("/me", this::me);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Atlassian",
        "/authorize",
        "/oauth/token",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of("error", "access_denied", "error_description", "User did not authorize the request"),
        "eyJraWQiOiJhdGxhc3NpYW4",
        3600L,
        true,
        false);
  }

  private static ObjectNode radia() {
    ObjectNode user = Json.object();
    user.put("account_type", "atlassian");
    user.put("account_id", RADIA_ID);
    user.put("email", "radia@example.org");
    user.put("name", "Radia Perlman");
    user.put(
        "picture",
        "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/fake.png");
    user.put("account_status", "active");
    user.put("nickname", "radia");
    user.put("zoneinfo", "America/New_York");
    user.put("locale", "en-US");
    return user;
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(401, Map.of("code", 401, "message", "Unauthorized"));
    }
    if (!List.of(oauth().scope(r).orElse("").split(" ")).contains("read:me")) {
      return FakeResponse.json(403, Map.of("code", 403, "message", "Forbidden"));
    }
    return FakeResponse.json(200, user);
  }
}
