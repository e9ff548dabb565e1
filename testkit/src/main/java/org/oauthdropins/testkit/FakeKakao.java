package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Kakao, after developers.kakao.com's "Kakao Login > REST API" and "REST API > Reference",
 * on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /oauth/authorize}: a redirect URI registered for the app, matched exactly; a denial
 *       redirects with {@code error=access_denied}, {@code error_description=User denied access}
 *       and the state.
 *   <li>{@code /oauth/token}: form-encoded only, the REST API key and client secret in the body
 *       only, the PKCE verifier when a challenge was sent; six-hour access tokens ({@code
 *       expires_in} 21599) with a two-month refresh token ({@code refresh_token_expires_in}). A
 *       refresh sends no new refresh token and the old one stays good, as Kakao does while the
 *       refresh token has more than a month left.
 *   <li>{@code /v2/user/me}: the user for a valid Bearer token: {@code id}, {@code connected_at},
 *       and {@code kakao_account.profile} (as for an app whose console makes the nickname and
 *       picture required consent items); {@code kakao_account.email} and its flags only with the
 *       {@code account_email} scope; otherwise 401 with Kakao's {@code {"msg", "code": -401}}.
 * </ul>
 */
public final class FakeKakao extends OAuth2Fake {

  /** The fake user's Kakao member number. */
  public static final String RYAN_ID = "2734589812";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeKakao() {
    super("kakao", config(), user());
    oauth().tokenGuard(TokenGuards::formEncoded);
    oauth().keepRefreshTokens();
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              if (body.has("refresh_token")) {
                body.put("refresh_token_expires_in", 5183999);
              }
              return body;
            });
    server().route("/v2/user/me", this::me);
    server().route("/v1/user/unlink", this::unlink);
  }

  /**
   * {@code POST /v1/user/unlink} ("Unlink"): the Bearer token unlinks its user from the app, which
   * ends every token of the user's link; answers the member number, or Kakao's -401 for a token
   * that is not live.
   */
  private FakeResponse unlink(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return FakeResponse.json(405, Map.of("msg", "method not allowed", "code", -2));
    }
    if (oauth().user(r).isEmpty()) {
      return FakeResponse.json(
          401, Map.of("msg", "this access token does not exist", "code", -401));
    }
    oauth().revokeToken(r.bearer());
    return FakeResponse.json(200, Map.of("id", Long.parseLong(RYAN_ID)));
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Kakao",
        "/oauth/authorize",
        "/oauth/token",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of("error", "access_denied", "error_description", "User denied access"),
        "kakao_",
        21599L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", Long.parseLong(RYAN_ID));
    user.put("connected_at", "2026-01-02T03:04:05Z");
    ObjectNode account = user.putObject("kakao_account");
    account.put("profile_nickname_needs_agreement", false);
    account.put("profile_image_needs_agreement", false);
    ObjectNode profile = account.putObject("profile");
    profile.put("nickname", "Ryan");
    profile.put("thumbnail_image_url", "https://k.kakaocdn.net/dn/ryan/img_110x110.jpg");
    profile.put("profile_image_url", "https://k.kakaocdn.net/dn/ryan/img_640x640.jpg");
    profile.put("is_default_image", false);
    account.put("email_needs_agreement", false);
    account.put("is_email_valid", true);
    account.put("is_email_verified", true);
    account.put("email", "ryan@example.com");
    return user;
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401, Map.of("msg", "this access token does not exist", "code", -401));
    }
    ObjectNode shown = user.deepCopy();
    if (!Arrays.asList(oauth().scope(r).orElse("").split(" ")).contains("account_email")) {
      ObjectNode account = (ObjectNode) shown.path("kakao_account");
      account.remove(java.util.List.of("email", "is_email_valid", "is_email_verified"));
      account.put("email_needs_agreement", true);
    }
    return FakeResponse.json(200, shown);
  }
}
