package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Naver, after developers.naver.com's "네이버 로그인 API 명세" and "회원 프로필 조회 API", on one server
 * for both hosts:
 *
 * <ul>
 *   <li>{@code /oauth2.0/authorize}: a redirect URI registered for the app (its "Callback URL"),
 *       matched exactly; a denial redirects with {@code error=access_denied}, {@code
 *       error_description=Canceled By User} and the state.
 *   <li>{@code /oauth2.0/token}: {@code client_id} and {@code client_secret} as parameters only,
 *       the PKCE verifier when a challenge was sent; errors with HTTP 200 and an {@code error}
 *       field, as Naver answers them; {@code expires_in} as a string ({@code "3600"}); a refresh
 *       answers with a new access token only, and the refresh token stays good.
 *   <li>{@code /v1/nid/me}: {@code {"resultcode": "00", "message": "success", "response": {...}}}
 *       for a valid Bearer token, the user being {@code id}, {@code nickname}, {@code
 *       profile_image}, {@code email} and {@code name} (as for an app whose console asks for them);
 *       otherwise 401 with {@code resultcode} {@code "024"}.
 * </ul>
 */
public final class FakeNaver extends OAuth2Fake {

  /** The fake user's Naver id for the app, in the app-scoped form Naver issues. */
  public static final String NAVER_ID = "hNcJ2rMEXBf4Q0kXiv5z0vOk1Y2Cz3aPLbB0yDvTzOw";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeNaver() {
    super("naver", config(), user());
    oauth().keepRefreshTokens();
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              body.put("expires_in", body.path("expires_in").asText());
              return body;
            });
    server().route("/v1/nid/me", this::me);
    oauth().tokenGuard(this::delete);
  }

  /**
   * The token endpoint's {@code grant_type=delete}: the app's {@code client_id} and {@code
   * client_secret}, {@code service_provider=NAVER} and a live {@code access_token}, whose grant
   * then ends; Naver answers a refusal with HTTP 200 and an {@code error}, as it answers token
   * errors. Every other grant goes on to the token endpoint.
   */
  private FakeResponse delete(FakeRequest r) {
    if (!"delete".equals(r.param("grant_type").orElse(""))) {
      return null;
    }
    String token = r.param("access_token").orElse(null);
    if (!oauth().clientAuthenticated(r)) {
      return FakeResponse.json(200, Map.of("error", "invalid_client"));
    }
    if (!"NAVER".equals(r.param("service_provider").orElse("")) || oauth().user(token).isEmpty()) {
      return FakeResponse.json(
          200, Map.of("error", "invalid_request", "error_description", "invalid access_token"));
    }
    oauth().revokeToken(token);
    return FakeResponse.json(200, Map.of("access_token", token, "result", "success"));
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "NAVER",
        "/oauth2.0/authorize",
        "/oauth2.0/token",
        Set.of(ClientAuth.POST),
        false,
        true,
        Map.of("error", "access_denied", "error_description", "Canceled By User"),
        "AAAAO",
        3600L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", NAVER_ID);
    user.put("nickname", "Green");
    user.put("profile_image", "https://ssl.pstatic.net/static/pwe/address/img_profile.png");
    user.put("email", "green@example.com");
    user.put("name", "Kim Green");
    return user;
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401, Map.of("resultcode", "024", "message", "Authentication failed"));
    }
    ObjectNode body = Json.object();
    body.put("resultcode", "00");
    body.put("message", "success");
    body.set("response", user.deepCopy());
    return FakeResponse.json(200, body);
  }
}
