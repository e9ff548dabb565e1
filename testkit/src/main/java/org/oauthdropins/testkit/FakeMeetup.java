package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Meetup: {@code /oauth2/authorize} (consent form), {@code /oauth2/access} (client secret in
 * the body, hour-long tokens with refresh tokens), and the GraphQL {@code /gql-ext} endpoint
 * answering the {@code self} query for a valid Bearer token. Once a callback is registered, it
 * applies Meetup's redirect URI rule: same scheme, host and port, and the registered path or a
 * subdirectory of it.
 */
public final class FakeMeetup extends OAuth2Fake {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeMeetup() {
    super("meetup", config(), user());
    oauth().redirectMatch(FakeOAuth2.RedirectMatch.SUBPATH);
    server().route("/gql-ext", this::graphql);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", "123456789");
    user.put("name", "Cool Developer");
    ObjectNode photo = user.putObject("memberPhoto");
    photo.put("id", "512345678");
    photo.put("baseUrl", "https://secure-content.meetupstatic.com/images/classic-member/");
    photo.put("thumbUrl", "https://secure.meetupstatic.com/photos/member/thumb_512345678.jpeg");
    return user;
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Meetup",
        "/oauth2/authorize",
        "/oauth2/access",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of("error", "access_denied"),
        "meetup_",
        3600L,
        true,
        false);
  }

  /** Makes this the app's only registered callback; redirect URIs must follow Meetup's rule. */
  public void registerCallback(URI callback) {
    oauth().clearRedirectUris().registerRedirectUri(callback);
  }

  /**
   * Meetup's rule: same scheme, host and port; the path is the callback's or below it ({@link
   * FakeOAuth2.RedirectMatch#SUBPATH}).
   */
  static boolean matches(URI registered, URI requested) {
    return FakeOAuth2.underRegistered(registered, requested);
  }

  private FakeResponse graphql(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return FakeResponse.json(405, Map.of("message", "GraphQL takes POST"));
    }
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401, Map.of("errors", List.of(Map.of("message", "Not authenticated"))));
    }
    String query;
    try {
      query = Objects.requireNonNullElse(Json.text(Json.parse(r.body()), "query"), "");
    } catch (IllegalArgumentException e) {
      return FakeResponse.json(400, Map.of("errors", List.of(Map.of("message", "bad JSON"))));
    }
    if (!query.replaceAll("\\s+", " ").contains("self {")) {
      return FakeResponse.json(
          200,
          Map.of("errors", List.of(Map.of("message", "the fake answers only the self query"))));
    }
    return FakeResponse.json(200, Map.of("data", Map.of("self", user)));
  }
}
