package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Strava, after developers.strava.com's "Authentication" and API reference ("Get
 * Authenticated Athlete"):
 *
 * <ul>
 *   <li>{@code /oauth/authorize}: a {@code scope} is required (Strava refuses a request without
 *       one) and is comma-separated; a redirect URI registered for the app, matched exactly (Strava
 *       itself checks only its host, so the fake is the stricter); a denial redirects with {@code
 *       error=access_denied} and the state.
 *   <li>{@code /oauth/token}: {@code client_id} and {@code client_secret} in the body only; the
 *       answer adds {@code expires_at} and, for a code, a summary {@code athlete}; six-hour tokens
 *       and a refresh token, replaced on a refresh.
 *   <li>{@code /api/v3/athlete}: the athlete for a valid Bearer token granted {@code read} (or
 *       {@code read_all}); otherwise 401 with Strava's {@code {"message": "Authorization Error",
 *       "errors": [...]}}.
 * </ul>
 */
public final class FakeStrava extends OAuth2Fake {

  /** The fake athlete's id. */
  public static final String ATHLETE_ID = "134815";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeStrava() {
    super("strava", config(), user());
    oauth()
        .authorizeGuard(p -> p.getOrDefault("scope", "").isEmpty() ? "invalid_scope" : null)
        .shapeTokens(
            (body, who, params) -> {
              body.put(
                  "expires_at", Instant.now().getEpochSecond() + body.path("expires_in").asLong());
              if (params != null) {
                ObjectNode athlete = body.putObject("athlete");
                athlete.put("id", who.path("id").asLong());
                athlete.put("resource_state", 2);
              }
              return body;
            });
    server().route("/api/v3/athlete", this::athlete);
    server().route("/oauth/deauthorize", this::deauthorize);
  }

  /**
   * {@code POST /oauth/deauthorize} ("Deauthorization"): the access token, as the Bearer header or
   * an {@code access_token} parameter, ends every token of the app for the athlete; answers with
   * the token, or Strava's 401 "Authorization Error" for one that is not live.
   */
  private FakeResponse deauthorize(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return FakeResponse.json(404, Map.of("message", "Record Not Found"));
    }
    String token = r.bearer() != null ? r.bearer() : r.param("access_token").orElse(null);
    if (oauth().user(token).isEmpty()) {
      return FakeResponse.json(
          401,
          Map.of(
              "message",
              "Authorization Error",
              "errors",
              List.of(Map.of("resource", "Application", "field", "", "code", "invalid"))));
    }
    oauth().revokeToken(token);
    return FakeResponse.json(200, Map.of("access_token", token));
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Strava",
        "/oauth/authorize",
        "/oauth/token",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of("error", "access_denied"),
        "strava",
        21600L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", Long.parseLong(ATHLETE_ID));
    user.put("username", "marianne_t");
    user.put("resource_state", 3);
    user.put("firstname", "Marianne");
    user.put("lastname", "Teutenberg");
    user.put("city", "San Francisco");
    user.put("profile", "https://dgalywyr863hv.cloudfront.net/pictures/athletes/134815/large.jpg");
    user.put(
        "profile_medium",
        "https://dgalywyr863hv.cloudfront.net/pictures/athletes/134815/medium.jpg");
    return user;
  }

  private FakeResponse athlete(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    List<String> scopes = Arrays.asList(oauth().scope(r).orElse("").split(","));
    if (user == null || !scopes.contains("read") && !scopes.contains("read_all")) {
      ObjectNode error = Json.object();
      error.put("message", "Authorization Error");
      error
          .putArray("errors")
          .addObject()
          .put("resource", "Athlete")
          .put("field", "access_token")
          .put("code", "invalid");
      return FakeResponse.json(401, error);
    }
    return FakeResponse.json(200, user);
  }
}
