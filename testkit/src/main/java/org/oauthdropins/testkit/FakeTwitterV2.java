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
 * A fake X (Twitter) OAuth 2: {@code /i/oauth2/authorize} (consent form; PKCE S256 required),
 * {@code /2/oauth2/token} (HTTP Basic client auth, two-hour tokens, refresh tokens rotated on every
 * use), and {@code /2/users/me} for a Bearer token granted {@code tweet.read} and {@code
 * users.read}, answering {@code {"data": {...}}} with {@code profile_image_url} only when asked for
 * in {@code user.fields}, as X does. A user has X's immutable {@code id} and a {@code username}
 * that can be renamed ({@link #signInAs}).
 */
public final class FakeTwitterV2 extends OAuth2Fake implements RenamableFake {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeTwitterV2() {
    super("twitter_v2", config(), user());
    oauth().revocationEndpoint("/2/oauth2/revoke");
    server().route("/2/users/me", this::me);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", "2244994945");
    user.put("name", "X Developers");
    user.put("username", "XDevelopers");
    user.put(
        "profile_image_url",
        "https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO_normal.jpg");
    user.put("created_at", "2013-12-14T04:35:55.000Z");
    return user;
  }

  @Override
  public void signInAs(String accountId, String name) {
    ObjectNode user = oauth().user().deepCopy();
    user.put("id", accountId);
    user.put("username", name);
    oauth().user(user);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "X",
        "/i/oauth2/authorize",
        "/2/oauth2/token",
        Set.of(ClientAuth.BASIC, ClientAuth.NONE),
        false,
        false,
        Map.of("error", "access_denied"),
        "x_",
        7200L,
        true,
        true);
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401,
          Map.of(
              "title",
              "Unauthorized",
              "type",
              "about:blank",
              "status",
              401,
              "detail",
              "Unauthorized"));
    }
    List<String> scopes = Arrays.asList(oauth().scope(r).orElse("").split(" "));
    if (!scopes.contains("tweet.read") || !scopes.contains("users.read")) {
      return FakeResponse.json(
          403,
          Map.of(
              "title", "Forbidden",
              "type", "about:blank",
              "status", 403,
              "detail", "Missing scopes: tweet.read users.read"));
    }
    List<String> fields = Arrays.asList(r.param("user.fields").orElse("").split(","));
    ObjectNode data = Json.object();
    data.put("id", user.path("id").asText());
    data.put("name", user.path("name").asText());
    data.put("username", user.path("username").asText());
    for (String optional : List.of("profile_image_url", "created_at")) {
      if (fields.contains(optional) && user.has(optional)) {
        data.set(optional, user.get(optional));
      }
    }
    return FakeResponse.json(200, Map.of("data", data));
  }
}
