package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake VK ID, after id.vk.com's "Справочник методов API VK ID" and VK's web SDK:
 *
 * <ul>
 *   <li>{@code /authorize}: PKCE (S256) required, a redirect URI registered for the app, matched
 *       exactly; an approval answers with {@code code}, {@code state}, {@code type=code_v2} and a
 *       new {@code device_id} per login; a denial with {@code error=access_denied}.
 *   <li>{@code /oauth2/auth}: form-encoded only, a public client ({@code client_id} alone, no
 *       secret); a code exchange must carry the {@code device_id} the callback named and the
 *       login's {@code state}, and a refresh the {@code device_id} of the login the refresh token
 *       belongs to and a {@code state}; answers with one-hour access tokens, a new refresh token
 *       each time, {@code user_id} (a number) and the {@code state} sent.
 *   <li>{@code /oauth2/user_info}: POST with {@code client_id} and {@code access_token} in the
 *       body, answered {@code {"user": {...}}} ({@code email} only with the scope {@code email}); a
 *       bad token gets {@code invalid_token}.
 *   <li>{@code api.vk.com/method/users.get} (the VK API, here on the same server): the caller's
 *       {@code id}, {@code first_name} and {@code last_name} for a valid Bearer token and an API
 *       version {@code v}; errors come, as the VK API sends them, with status 200 and an {@code
 *       error} object (5: authorization failed, 8: no version).
 * </ul>
 *
 * <p>Not confirmed from the documentation, and so chosen: the HTTP status of {@code user_info}'s
 * and the token endpoint's errors (400 and 401 with an OAuth {@code error} body here) and the error
 * a wrong {@code device_id} gets ({@code invalid_request}). The ID token VK ID also issues is not
 * modelled: the site does not read it.
 */
public final class FakeVkId extends OAuth2Fake {

  /** The fake user's VK id. */
  public static final String DUROV_ID = "1";

  /** The device id each login's state was answered with. */
  private final Map<String, String> deviceOfState = new ConcurrentHashMap<>();

  /** The device id each issued refresh token belongs to. */
  private final Map<String, String> deviceOfRefresh = new ConcurrentHashMap<>();

  /** The device and state of the token request being answered, for the answer's shape. */
  private final ThreadLocal<String[]> current = new ThreadLocal<>();

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeVkId() {
    super("vkid", config(), user());
    oauth()
        .approvalFields(
            (user, request) -> {
              String device = "dev-" + org.oauthdropins.internal.secrets.Secrets.random(12);
              deviceOfState.put(request.get("state"), device);
              return Map.of("device_id", device, "type", "code_v2");
            });
    oauth().tokenGuard(this::deviceGuard);
    oauth().shapeTokens(this::shape);
    server().route("/oauth2/user_info", this::userInfo);
    server().route("/method/users.get", this::usersGet);
    // client_id and access_token; 200 {"response":1}.
    oauth()
        .formRevocationAt(
            "/oauth2/revoke", "access_token", () -> FakeResponse.json(200, Map.of("response", 1)));
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "VK ID",
        "/authorize",
        "/oauth2/auth",
        Set.of(ClientAuth.NONE),
        false,
        false,
        Map.of("error", "access_denied", "error_description", "User denied access"),
        "vk2.a.",
        3600L,
        true,
        true);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("user_id", DUROV_ID);
    user.put("first_name", "Pavel");
    user.put("last_name", "Durov");
    user.put("avatar", "https://sun1-00.userapi.com/s/v1/ig2/avatar.jpg");
    user.put("email", "durov@example.ru");
    user.put("sex", 2);
    user.put("verified", true);
    return user;
  }

  /** Refuses a token request without the device id and state VK ID wants back. */
  private FakeResponse deviceGuard(FakeRequest r) {
    FakeResponse notForm = TokenGuards.formEncoded(r);
    if (notForm != null) {
      return notForm;
    }
    String state = r.param("state").orElse("");
    String device = r.param("device_id").orElse("");
    String expected =
        "refresh_token".equals(r.param("grant_type").orElse(""))
            ? deviceOfRefresh.get(r.param("refresh_token").orElse(""))
            : deviceOfState.get(state);
    if (state.isEmpty() || expected == null || !expected.equals(device)) {
      return FakeResponse.json(
          400,
          Map.of("error", "invalid_request", "error_description", "device_id or state is invalid"));
    }
    current.set(new String[] {device, state});
    return null;
  }

  private ObjectNode shape(ObjectNode body, JsonNode user, Map<String, String> authorizeParams) {
    String[] request = current.get();
    current.remove();
    body.put("user_id", Long.parseLong(Json.text(user, "user_id")));
    body.put("state", request[1]);
    if (body.has("refresh_token")) {
      deviceOfRefresh.put(Json.text(body, "refresh_token"), request[0]);
    }
    return body;
  }

  private FakeResponse userInfo(FakeRequest r) {
    if (!"POST".equals(r.method())
        || !r.param("client_id").filter(credentials().clientId()::equals).isPresent()) {
      return FakeResponse.json(
          400, Map.of("error", "invalid_request", "error_description", "client_id is invalid"));
    }
    String token = r.param("access_token").orElse("");
    JsonNode user = oauth().user(token).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401, Map.of("error", "invalid_token", "error_description", "access_token is invalid"));
    }
    ObjectNode shown = ((ObjectNode) user).deepCopy();
    if (!Arrays.asList(oauth().scope(token).orElse("").split(" ")).contains("email")) {
      shown.remove("email");
    }
    return FakeResponse.json(200, Map.of("user", shown));
  }

  private FakeResponse usersGet(FakeRequest r) {
    if (r.param("v").isEmpty()) {
      return apiError(8, "Invalid request: v (version) is required");
    }
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return apiError(5, "User authorization failed: invalid access_token (4).");
    }
    ObjectNode me = Json.object();
    me.put("id", Long.parseLong(Json.text(user, "user_id")));
    me.put("first_name", Json.text(user, "first_name"));
    me.put("last_name", Json.text(user, "last_name"));
    return FakeResponse.json(200, Map.of("response", java.util.List.of(me)));
  }

  private static FakeResponse apiError(int code, String message) {
    return FakeResponse.json(
        200, Map.of("error", Map.of("error_code", code, "error_msg", message)));
  }
}
