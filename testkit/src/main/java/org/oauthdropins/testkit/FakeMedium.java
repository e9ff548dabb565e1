package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Medium: {@code /m/oauth/authorize} (consent form), {@code /v1/tokens} (client secret in
 * the body; Medium's answer shape: {@code token_type "Bearer"}, {@code scope} as a list, {@code
 * expires_at} instead of {@code expires_in}, a refresh token), and {@code /v1/me} answering {@code
 * {"data": {...}}} for a Bearer token granted {@code basicProfile} (scopes are comma-separated).
 * API errors come as Medium's {@code {"errors": [{"message", "code"}]}}.
 */
public final class FakeMedium extends OAuth2Fake {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeMedium() {
    super("medium", config(), user());
    ObjectNode fields = Json.object();
    fields.put("token_type", "Bearer");
    fields.putArray("scope").add("basicProfile");
    fields.put("expires_at", Instant.now().plus(Duration.ofDays(60)).toEpochMilli());
    oauth().tokenFields(fields);
    server().route("/v1/me", this::me);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", "5303d74c64f66366f00cb9b2a94f3251bf5");
    user.put("username", "majelbstoat");
    user.put("name", "Jamie Talbot");
    user.put("url", "https://medium.com/@majelbstoat");
    user.put("imageUrl", "https://images.medium.com/0*fkfQiTzT7TlUGGyI.png");
    return user;
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Medium",
        "/m/oauth/authorize",
        "/v1/tokens",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of("error", "access_denied"),
        "medium_",
        null,
        true,
        false);
  }

  /** Medium's error document. */
  static FakeResponse error(int status, String message, int code) {
    return FakeResponse.json(
        status, Map.of("errors", List.of(Map.of("message", message, "code", code))));
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return error(401, "Token was invalid.", 6003);
    }
    if (!Arrays.asList(oauth().scope(r).orElse("").split(",")).contains("basicProfile")) {
      return error(403, "Token does not have the basicProfile scope.", 6027);
    }
    return FakeResponse.json(200, Map.of("data", user));
  }
}
