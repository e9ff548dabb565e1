package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake TikTok, after developers.tiktok.com ("Login Kit for Web", "Manage User Access Tokens with
 * OAuth v2", "Get User Info"), on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /v2/auth/authorize/}: the app named by {@code client_key}, an exactly registered
 *       redirect URI and a comma-separated {@code scope}.
 *   <li>{@code /v2/oauth/token/}: {@code client_key} and {@code client_secret} in the form body,
 *       for the code and for a refresh alike; 24-hour access tokens with {@code open_id}, a 365-day
 *       refresh token and {@code refresh_expires_in}; a refresh answers with a new refresh token.
 *   <li>{@code /v2/user/info/}: for a valid Bearer token granted {@code user.info.basic}, the asked
 *       {@code fields} of the user under {@code data.user} with {@code error.code} {@code ok}; 401
 *       with {@code access_token_invalid} for a bad token.
 *   <li>{@code /v2/oauth/revoke/}: {@code client_key}, {@code client_secret} and the token in the
 *       form (401 without the key); the grant ends, so the user info answers 401.
 * </ul>
 */
public final class FakeTikTok extends OAuth2Fake {

  /** The fake user's open id in the fake app. */
  public static final String OPEN_ID = "-000OE5oN5PL7nO9OWp6jrRAX0ElDl7VpN3e";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeTikTok() {
    super("tiktok", config(), user());
    Credentials app = credentials();
    oauth()
        .authorizeGuard(p -> app.clientId().equals(p.get("client_key")) ? null : "invalid_client")
        .tokenGuard(
            r ->
                app.clientId().equals(r.params().get("client_key"))
                    ? null
                    : FakeResponse.json(
                        400,
                        Map.of(
                            "error", "invalid_client",
                            "error_description", "Client key or secret is incorrect.",
                            "log_id", "20230525211337F5A7C4B3E9F27C01A3D4")));
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              body.put("open_id", Json.text(who, "open_id"));
              body.put("refresh_expires_in", 31536000);
              body.put("token_type", "Bearer");
              return body;
            });
    server().route("/v2/user/info/", this::info);
    // developers.tiktok.com "Revoke a User Access Token": POST /v2/oauth/revoke/ naming the app
    // by client_key, as the token endpoint does.
    oauth()
        .revocationEndpoint(
            "/v2/oauth/revoke/",
            r ->
                app.clientId().equals(r.params().get("client_key"))
                    ? null
                    : FakeResponse.json(401, Map.of("error", "invalid_client")));
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "TikTok",
        "/v2/auth/authorize/",
        "/v2/oauth/token/",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of(
            "error", "access_denied",
            "error_description", "The user denied the request"),
        "act.",
        86400L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("open_id", OPEN_ID);
    user.put("union_id", "c9c60f44-a68e-4f5d-84dd-ce22faeb0ba1");
    user.put("avatar_url", "https://p19-sign.tiktokcdn-us.com/tos-useast5-avt/tiktoker.jpeg");
    user.put("display_name", "Tik Toker");
    user.put("bio_description", "dances");
    return user;
  }

  private FakeResponse info(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401,
          error(
              "access_token_invalid", "The access token is invalid or not found in the request."));
    }
    if (!Arrays.asList(oauth().scope(r).orElse("").split(",")).contains("user.info.basic")) {
      return FakeResponse.json(
          401, error("scope_not_authorized", "The user did not authorize the scope."));
    }
    List<String> fields = Arrays.asList(r.params().getOrDefault("fields", "").split(","));
    ObjectNode shown = Json.object();
    for (String field : fields) {
      if (user.has(field)) {
        shown.set(field, user.get(field));
      }
    }
    ObjectNode body = error("ok", "");
    body.putObject("data").set("user", shown);
    return FakeResponse.json(200, body);
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.put("log_id", "202305252113370B12C9E7E4D8A30F5A9B");
    return body;
  }
}
