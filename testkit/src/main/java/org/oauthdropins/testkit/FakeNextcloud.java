package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Nextcloud instance with its OAuth 2 app, after docs.nextcloud.com (Administration manual
 * "OAuth2", Developer manual "OCS API" and "OCS user API"):
 *
 * <ul>
 *   <li>{@code /index.php/apps/oauth2/authorize}: the one redirect URI the client was registered
 *       with, exactly.
 *   <li>{@code /index.php/apps/oauth2/api/v1/token}: {@code client_id} and {@code client_secret} in
 *       the body (Basic is taken too, as Nextcloud reads either); hour-long access tokens with the
 *       token answer's {@code user_id}; a refresh answers with a new refresh token and the spent
 *       one is refused.
 *   <li>{@code /ocs/v2.php/cloud/user}: for a valid Bearer token and {@code OCS-APIRequest: true},
 *       the OCS envelope with the user in {@code ocs.data}; else 401 with OCS status 997.
 * </ul>
 */
public final class FakeNextcloud extends OAuth2Fake {

  /** The fake user's id (UID) on the instance. */
  public static final String USER_ID = "frank";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeNextcloud() {
    super("nextcloud", config(), user());
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              body.put("user_id", Json.text(who, "id"));
              return body;
            });
    server().route("/ocs/v2.php/cloud/user", this::user);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Nextcloud",
        "/index.php/apps/oauth2/authorize",
        "/index.php/apps/oauth2/api/v1/token",
        Set.of(ClientAuth.POST, ClientAuth.BASIC),
        false,
        false,
        Map.of("error", "access_denied"),
        "nc",
        3600L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("enabled", true);
    user.put("id", USER_ID);
    user.put("displayname", "Frank Cloud");
    user.put("display-name", "Frank Cloud");
    user.put("email", "frank@example.org");
    user.put("language", "en");
    user.put("locale", "en_US");
    user.putArray("groups").add("staff");
    return user;
  }

  private FakeResponse user(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null || !"true".equals(r.header("ocs-apirequest"))) {
      return FakeResponse.json(401, ocs(997, "Current user is not logged in", null));
    }
    return FakeResponse.json(200, ocs(200, "OK", user));
  }

  private static ObjectNode ocs(int code, String message, JsonNode data) {
    ObjectNode body = Json.object();
    ObjectNode ocs = body.putObject("ocs");
    ObjectNode meta = ocs.putObject("meta");
    meta.put("status", code == 200 ? "ok" : "failure");
    meta.put("statuscode", code);
    meta.put("message", message);
    if (data == null) {
      ocs.putArray("data");
    } else {
      ocs.set("data", data.deepCopy());
    }
    return body;
  }
}
