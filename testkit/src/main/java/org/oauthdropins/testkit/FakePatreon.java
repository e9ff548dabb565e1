package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Patreon, after docs.patreon.com ("OAuth", "API v2", "Get /api/oauth2/v2/identity"):
 *
 * <ul>
 *   <li>{@code /oauth2/authorize}: a redirect URI registered for the client, matched exactly; a
 *       denial redirects with {@code error=access_denied} and the state.
 *   <li>{@code /api/oauth2/token}: form-encoded only, {@code client_id} and {@code client_secret}
 *       in the body only; 31-day tokens ({@code expires_in} 2678400) and a refresh token, replaced
 *       on each refresh.
 *   <li>{@code /api/oauth2/v2/identity}: a JSON:API document for a valid Bearer token granted
 *       {@code identity}: {@code data} with the user's {@code id} and {@code type}, and only the
 *       {@code attributes} named in {@code fields[user]} (API v2 sends none by default), {@code
 *       email} only with the scope {@code identity[email]}; otherwise 401 with a JSON:API {@code
 *       errors} array.
 * </ul>
 */
public final class FakePatreon extends OAuth2Fake {

  /** The fake user's Patreon id. */
  public static final String CORALIE_ID = "32187552";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakePatreon() {
    super("patreon", config(), user());
    oauth().tokenGuard(TokenGuards::formEncoded);
    server().route("/api/oauth2/v2/identity", this::identity);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Patreon",
        "/oauth2/authorize",
        "/api/oauth2/token",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of("error", "access_denied"),
        "pat_",
        2678400L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", CORALIE_ID);
    user.put("type", "user");
    ObjectNode a = user.putObject("attributes");
    a.put("full_name", "Coralie Mercer");
    a.put("vanity", "coralie");
    a.put("url", "https://www.patreon.com/coralie");
    a.put("image_url", "https://c8.patreon.com/3/200/32187552");
    a.put("email", "coralie@example.com");
    a.put("created", "2019-05-01T10:00:00.000+00:00");
    return user;
  }

  private FakeResponse identity(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    List<String> scopes = Arrays.asList(oauth().scope(r).orElse("").split(" "));
    if (user == null || !scopes.contains("identity")) {
      ObjectNode error = Json.object();
      error
          .putArray("errors")
          .addObject()
          .put("code", 1)
          .put("code_name", "Unauthorized")
          .put("status", "401")
          .put("title", "Unauthorized");
      return FakeResponse.json(401, error);
    }
    List<String> fields = Arrays.asList(r.param("fields[user]").orElse("").split(","));
    ObjectNode data = user.deepCopy();
    ObjectNode attributes = (ObjectNode) data.path("attributes");
    attributes.retain(fields);
    if (!scopes.contains("identity[email]")) {
      attributes.remove("email");
    }
    ObjectNode body = Json.object();
    body.set("data", data);
    body.putObject("links").put("self", "https://www.patreon.com/api/oauth2/v2/user/" + CORALIE_ID);
    return FakeResponse.json(200, body);
  }
}
