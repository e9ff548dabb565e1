package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Figma, after developers.figma.com (REST API "Authentication", "OAuth apps", "Scopes",
 * "Users" endpoints), on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /oauth}: an exactly registered redirect URI; a denial redirects with {@code
 *       error=access_denied}.
 *   <li>{@code /v1/oauth/token}: the code exchange only, the app by HTTP Basic only; 90-day access
 *       tokens ({@code expires_in} 7776000) with a refresh token and {@code user_id_string}.
 *   <li>{@code /v1/oauth/refresh}: the refresh, by HTTP Basic with {@code refresh_token} alone,
 *       answered with a new access token and no refresh token (the one the app has stays good); the
 *       token endpoint itself refuses {@code grant_type=refresh_token} here.
 *   <li>{@code /v1/me}: the user for a valid Bearer token granted {@code current_user:read}; 403
 *       {@code Invalid token} otherwise, as Figma answers a bad token (not 401).
 * </ul>
 */
public final class FakeFigma extends OAuth2Fake {

  /** The fake user's Figma id. */
  public static final String USER_ID = "1257419847013213745";

  /** Marks the refresh route's own call to the token logic; a client never sends it. */
  private static final String INTERNAL = "x-fake-figma-refresh";

  private final HttpClient self = HttpClient.newHttpClient();

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeFigma() {
    super("figma", config(), user());
    oauth().keepRefreshTokens();
    oauth()
        .tokenGuard(
            r ->
                "refresh_token".equals(r.params().get("grant_type")) && r.header(INTERNAL) == null
                    ? FakeResponse.json(
                        400, Map.of("error", true, "status", 400, "message", "Invalid grant_type"))
                    : null);
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              if (params != null) {
                body.put("user_id_string", Json.text(who, "id"));
              }
              return body;
            });
    server().route("/v1/oauth/refresh", this::refresh);
    server().route("/v1/me", this::me);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Figma",
        "/oauth",
        "/v1/oauth/token",
        Set.of(ClientAuth.BASIC),
        false,
        false,
        Map.of("error", "access_denied"),
        "figu_",
        7776000L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", USER_ID);
    user.put("handle", "Ada Frame");
    user.put("img_url", "https://s3-alpha.figma.com/profile/ada.png");
    user.put("email", "ada@example.com");
    return user;
  }

  /** Figma's refresh endpoint, run by the token logic as a refresh grant. */
  private FakeResponse refresh(FakeRequest r) {
    if (!"POST".equals(r.method()) || r.params().get("grant_type") != null) {
      return FakeResponse.json(400, Map.of("error", true, "status", 400, "message", "Bad request"));
    }
    String refreshToken = r.params().getOrDefault("refresh_token", "");
    HttpRequest.Builder call =
        HttpRequest.newBuilder(url().resolve("/v1/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(INTERNAL, "1")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Form.encode(
                        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))));
    String basic = r.header("authorization");
    if (basic != null) {
      call.header("Authorization", basic);
    }
    try {
      HttpResponse<String> answer = self.send(call.build(), HttpResponse.BodyHandlers.ofString());
      return FakeResponse.json(answer.statusCode(), Json.parse(answer.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    boolean scoped =
        user != null
            && Arrays.asList(oauth().scope(r).orElse("").split("[ ,]"))
                .contains("current_user:read");
    if (!scoped) {
      return FakeResponse.json(403, Map.of("status", 403, "err", "Invalid token"));
    }
    return FakeResponse.json(200, user);
  }
}
