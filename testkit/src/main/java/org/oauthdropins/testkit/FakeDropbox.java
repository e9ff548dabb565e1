package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Dropbox: {@code /oauth2/authorize} (consent form), {@code /oauth2/token} (HTTP Basic or
 * the key and secret in the body; four-hour access tokens, with a refresh token plus {@code
 * account_id} and {@code uid} on the code exchange; refresh tokens stay valid and are not sent
 * again on refresh) and the RPC endpoint {@code /2/users/get_current_account} (POST, Bearer token,
 * no body or {@code null}, and no form Content-Type).
 */
public final class FakeDropbox extends OAuth2Fake {

  private static final Credentials APP = new Credentials("fake-dropbox-key", "fake-dropbox-secret");

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeDropbox() {
    super("dropbox", APP);
    ObjectNode user = Json.object();
    user.put("account_id", "dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc");
    ObjectNode name = user.putObject("name");
    name.put("given_name", "Franz");
    name.put("surname", "Ferdinand");
    name.put("familiar_name", "Franz");
    name.put("display_name", "Franz Ferdinand (Personal)");
    name.put("abbreviated_name", "FF");
    user.put("email", "franz@example.com");
    user.put("email_verified", true);
    user.put("disabled", false);
    user.put("country", "US");
    user.put("locale", "en");
    user.put(
        "profile_photo_url",
        "https://dl-web.dropbox.com/account_photo/get/dbaphid%3AAAHWGmIXV3sUuOmBfTz0wPsiqHUpBWvv3ZA");
    user.putObject("account_type").put(".tag", "basic");
    FakeOAuth2.Config config =
        new FakeOAuth2.Config(
            "Dropbox",
            "/oauth2/authorize",
            "/oauth2/token",
            Set.of(ClientAuth.BASIC, ClientAuth.POST),
            false,
            false,
            Map.of(
                "error", "access_denied",
                "error_description",
                    "The user chose not to give your app access to their Dropbox account."),
            "sl.",
            14400L,
            true,
            false);
    mount(config, user, Clock.systemUTC())
        .keepRefreshTokens()
        .shapeTokens(
            (body, who, params) -> {
              if (body.has("refresh_token")) {
                // Only the code exchange names the account.
                body.put("account_id", Json.text(who, "account_id"));
                body.put("uid", "12345");
              }
              return body;
            });
    server.route("/2/users/get_current_account", this::currentAccount);
    server.route("/2/auth/token/revoke", this::revoke);
  }

  /** {@code POST /2/auth/token/revoke}: the access token revokes itself; 200 with {@code null}. */
  private FakeResponse revoke(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return FakeResponse.text(405, "Error in call to API function \"auth/token/revoke\"");
    }
    if (oauth().user(r).isEmpty()) {
      return FakeResponse.json(
          401,
          Map.of(
              "error_summary",
              "invalid_access_token/",
              "error",
              Map.of(".tag", "invalid_access_token")));
    }
    oauth().revokeToken(r.bearer());
    return new FakeResponse(200, "application/json", "null", java.util.List.of());
  }

  private FakeResponse currentAccount(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return FakeResponse.text(405, "Error in call to API function \"users/get_current_account\"");
    }
    String type = r.header("content-type");
    String body = r.body().strip();
    if (!(body.isEmpty() && type == null
        || body.equals("null") && type != null && type.startsWith("application/json"))) {
      return FakeResponse.text(
          400,
          "Error in call to API function \"users/get_current_account\": request body should be"
              + " empty or null");
    }
    JsonNode who = oauth().user(r).orElse(null);
    if (who == null) {
      return FakeResponse.json(
          401,
          Map.of(
              "error_summary",
              "invalid_access_token/",
              "error",
              Map.of(".tag", "invalid_access_token")));
    }
    return FakeResponse.json(200, who);
  }
}
