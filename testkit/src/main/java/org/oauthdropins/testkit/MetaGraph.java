package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * What Meta's Graph hosts share in the fakes of Facebook, Instagram and Threads: tokens accepted
 * from the Authorization header or the {@code access_token} query parameter, Graph-style errors,
 * {@code fields} selection, and the long-lived tokens of Instagram and Threads ({@code GET
 * /access_token} exchanges a valid short-lived token with the app secret; {@code GET
 * /refresh_access_token} renews a long-lived token at least a day old and not expired).
 */
final class MetaGraph {

  /** Lifetime of a long-lived token, as Meta answers it. */
  static final long LONG_LIVED_SECONDS = 5183944;

  private final FakeOAuth2 oauth;
  private final Credentials credentials;
  private final Clock clock;
  private final String exchangeGrant;
  private final String refreshGrant;
  private final Map<String, Instant> longLived = new ConcurrentHashMap<>();

  private MetaGraph(
      FakeOAuth2 oauth,
      Credentials credentials,
      Clock clock,
      String exchangeGrant,
      String refreshGrant) {
    this.oauth = oauth;
    this.credentials = credentials;
    this.clock = clock;
    this.exchangeGrant = exchangeGrant;
    this.refreshGrant = refreshGrant;
  }

  /**
   * The authorization server of Instagram and Threads: the app id and secret in the POST body, no
   * PKCE, one-hour tokens without refresh tokens, and a denial with {@code
   * error_reason=user_denied}.
   */
  static FakeOAuth2.Config shortLivedTokens(String site, String tokenPrefix, String denial) {
    return new FakeOAuth2.Config(
        site,
        "/oauth/authorize",
        "/oauth/access_token",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of(
            "error", "access_denied",
            "error_reason", "user_denied",
            "error_description", denial),
        tokenPrefix,
        3600L,
        false,
        false);
  }

  /** Mounts {@code /access_token} and {@code /refresh_access_token} with these grant types. */
  static MetaGraph mountLongLivedTokens(
      FakeServer server,
      FakeOAuth2 oauth,
      Credentials credentials,
      Clock clock,
      String exchangeGrant,
      String refreshGrant) {
    MetaGraph g = new MetaGraph(oauth, credentials, clock, exchangeGrant, refreshGrant);
    server.route("/access_token", g::exchange);
    server.route("/refresh_access_token", g::refresh);
    return g;
  }

  /** Whether a token is a long-lived one this fake issued. */
  boolean isLongLived(String token) {
    return token != null && longLived.containsKey(token);
  }

  private FakeResponse exchange(FakeRequest r) {
    if (!"GET".equals(r.method())) {
      return error(405, "Unsupported request method", 100);
    }
    if (!exchangeGrant.equals(r.param("grant_type").orElse(null))) {
      return error(400, "Unsupported grant_type", 100);
    }
    if (!credentials.clientSecret().equals(r.param("client_secret").orElse(null))) {
      return error(400, "Error validating client secret.", 1);
    }
    String shortLived = r.param("access_token").orElse(null);
    Optional<JsonNode> who = oauth.user(shortLived);
    if (who.isEmpty() || isLongLived(shortLived)) {
      return invalidToken();
    }
    return issueLongLived(who.get());
  }

  private FakeResponse refresh(FakeRequest r) {
    if (!"GET".equals(r.method())) {
      return error(405, "Unsupported request method", 100);
    }
    if (!refreshGrant.equals(r.param("grant_type").orElse(null))) {
      return error(400, "Unsupported grant_type", 100);
    }
    String token = r.param("access_token").orElse(null);
    Optional<JsonNode> who = oauth.user(token);
    if (who.isEmpty() || !isLongLived(token)) {
      return invalidToken();
    }
    if (clock.instant().isBefore(longLived.get(token).plus(Duration.ofDays(1)))) {
      return error(400, "The access token is too young to be refreshed", 190);
    }
    return issueLongLived(who.get());
  }

  private FakeResponse issueLongLived(JsonNode who) {
    String token = oauth.issueToken(who, LONG_LIVED_SECONDS);
    longLived.put(token, clock.instant());
    ObjectNode body = Json.object();
    body.put("access_token", token);
    body.put("token_type", "bearer");
    body.put("expires_in", LONG_LIVED_SECONDS);
    return FakeResponse.json(200, body);
  }

  /** A {@code /me} route: the token's user (or page), limited to the requested fields. */
  static java.util.function.Function<FakeRequest, FakeResponse> me(FakeOAuth2 oauth) {
    return r -> {
      JsonNode who = oauth.user(token(r)).orElse(null);
      return who == null ? invalidToken() : FakeResponse.json(200, fields(who, r));
    };
  }

  /** Graph's answer to a missing, unknown or expired token. */
  static FakeResponse invalidToken() {
    return error(400, "Invalid OAuth access token - Cannot parse access token", 190);
  }

  /** The token of an API request: a Bearer header, or the {@code access_token} parameter. */
  static String token(FakeRequest r) {
    String bearer = r.bearer();
    return bearer != null ? bearer : r.param("access_token").orElse(null);
  }

  /** A Graph API error answer. */
  static FakeResponse error(int status, String message, int code) {
    return FakeResponse.json(
        status,
        Map.of(
            "error",
            Map.of(
                "message", message, "type", "OAuthException", "code", code, "fbtrace_id", "Fk")));
  }

  /** The object with only the fields the request asks for ({@code id} always), as Graph answers. */
  static ObjectNode fields(JsonNode object, FakeRequest r) {
    ObjectNode out = Json.object();
    String fields = r.param("fields").orElse("id,name");
    for (String f : (fields + ",id").split(",")) {
      if (object.has(f)) {
        out.set(f, object.get(f));
      }
    }
    return out;
  }
}
