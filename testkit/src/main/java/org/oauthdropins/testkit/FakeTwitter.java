package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Twitter (X) with OAuth 1.0a: {@code /oauth/request_token}, {@code /oauth/authorize} and
 * {@code /oauth/authenticate} (consent form; Deny returns to the callback with {@code
 * denied=<request token>}, as Twitter's "Return to app" does), {@code /oauth/access_token}
 * (answering {@code user_id} and {@code screen_name} too), and the signed API calls {@code
 * /1.1/account/verify_credentials.json} and {@code /1.1/statuses/update.json}, which refuses tokens
 * granted with {@code x_auth_access_type=read}. A user has X's immutable {@code id} / {@code
 * id_str} and a {@code screen_name} that can be renamed ({@link #signInAs}).
 */
public final class FakeTwitter extends OAuth1Fake implements RenamableFake {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeTwitter() {
    super("twitter");
    ObjectNode user = Json.object();
    user.put("id", 6253282L);
    user.put("id_str", "6253282");
    user.put("name", "X API");
    user.put("screen_name", "xapi");
    user.put("profile_image_url_https", "https://pbs.twimg.com/profile_images/1/xapi_normal.jpg");
    mount(
        new FakeOAuth1.Config(
            "Twitter",
            "/oauth/request_token",
            List.of("/oauth/authorize", "/oauth/authenticate"),
            "/oauth/access_token",
            (callback, token) ->
                FakeResponse.redirect(Form.appendQuery(callback, Map.of("denied", token))),
            null,
            u -> {
              // Form.encode leaves out null values, as for a profile without them.
              Map<String, String> m = new java.util.LinkedHashMap<>();
              m.put("user_id", Json.text(u, "id_str"));
              m.put("screen_name", Json.text(u, "screen_name"));
              return m;
            },
            "6253282-"),
        user);
    server.route("/1.1/account/verify_credentials.json", this::verifyCredentials);
    server.route("/1.1/statuses/update.json", this::update);
    server.route("/1.1/oauth/invalidate_token", this::invalidate);
  }

  /**
   * {@code POST oauth/invalidate_token}, signed with the access token it ends: 200 with {@code
   * access_token}; the token no longer signs anything.
   */
  private FakeResponse invalidate(FakeRequest r) {
    if (!r.method().equals("POST")) {
      return error(405, 34, "Sorry, that page does not exist.");
    }
    String token = oauth().verifyAndRevoke(r);
    if (token == null) {
      return error(401, 89, "Invalid or expired token.");
    }
    return FakeResponse.json(200, Map.of("access_token", token));
  }

  @Override
  public void signInAs(String accountId, String name) {
    ObjectNode user = oauth().user().deepCopy();
    user.put("id", Long.parseLong(accountId));
    user.put("id_str", accountId);
    user.put("screen_name", name);
    oauth().user(user);
  }

  private static FakeResponse error(int status, int code, String message) {
    return FakeResponse.json(
        status, Map.of("errors", List.of(Map.of("code", code, "message", message))));
  }

  private FakeResponse verifyCredentials(FakeRequest r) {
    if (!r.method().equals("GET")) {
      return error(405, 34, "Sorry, that page does not exist.");
    }
    FakeOAuth1.Check check = oauth().verify(r);
    if (!check.ok()) {
      return error(401, 32, "Could not authenticate you.");
    }
    return FakeResponse.json(200, check.grant().user());
  }

  private FakeResponse update(FakeRequest r) {
    if (!r.method().equals("POST")) {
      return error(405, 34, "Sorry, that page does not exist.");
    }
    FakeOAuth1.Check check = oauth().verify(r);
    if (!check.ok()) {
      return error(401, 32, "Could not authenticate you.");
    }
    if ("read".equals(check.grant().requestParams().get("x_auth_access_type"))) {
      return error(401, 89, "Read-only application cannot POST.");
    }
    String status = r.param("status").orElse("");
    if (status.isBlank()) {
      return error(400, 170, "Missing required parameter: status.");
    }
    JsonNode user = check.grant().user();
    return FakeResponse.json(
        200, Map.of("id_str", Secrets.random(6), "text", status, "user", user));
  }
}
