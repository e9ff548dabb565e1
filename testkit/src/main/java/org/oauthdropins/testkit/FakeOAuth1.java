package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth1.OAuth1;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;

/**
 * An OAuth 1.0a server (RFC 5849 §2), as strict as the real ones: every request must carry an
 * {@code Authorization: OAuth} header with the one consumer key it knows, HMAC-SHA1, a timestamp
 * within five minutes, a nonce never seen before, and a signature computed over the request as it
 * arrived (query, header and form body). The temporary token needs {@code oauth_callback}, one of
 * the callbacks the app registered ({@link #registerCallback}; with none registered every request
 * token is refused, as Twitter refuses a callback missing from the app's settings), is single-use,
 * expires, and is exchanged only with the verifier it was approved with. Fake sites mount it with
 * their paths and way of declining, and check API calls with {@link #verify(FakeRequest)}. Failures
 * answer {@code oauth_problem=...} (the OAuth problem-reporting names).
 */
public final class FakeOAuth1 {

  /** How the site answers a Deny on its authorization page. */
  @FunctionalInterface
  public interface Deny {
    /**
     * @param callback the {@code oauth_callback} the client registered
     * @param requestToken the temporary token the user refused
     */
    FakeResponse answer(String callback, String requestToken);
  }

  /**
   * How one site's server behaves.
   *
   * @param site display name for the consent page
   * @param requestTokenPath the temporary-credential endpoint
   * @param authorizePaths the authorization pages (Twitter and Flickr have two)
   * @param accessTokenPath the token endpoint
   * @param deny what a Deny does
   * @param authorizeCheck checks the authorization page's parameters: an error text, or null
   * @param accessExtras further fields of the access-token response, from the user
   * @param tokenPrefix prefix of issued access tokens
   */
  public record Config(
      String site,
      String requestTokenPath,
      List<String> authorizePaths,
      String accessTokenPath,
      Deny deny,
      Function<Map<String, String>, String> authorizeCheck,
      Function<JsonNode, Map<String, String>> accessExtras,
      String tokenPrefix) {
    /** Makes the value, checking its components. */
    public Config {
      authorizePaths = List.copyOf(authorizePaths);
    }
  }

  /**
   * What an access token was issued for.
   *
   * @param user the user who approved
   * @param requestParams non-protocol parameters of the request-token call
   * @param authorizePath the authorization page the user approved on
   * @param authorizeParams parameters of that page, besides the token (Flickr {@code perms})
   */
  public record Grant(
      JsonNode user,
      Map<String, String> requestParams,
      String authorizePath,
      Map<String, String> authorizeParams) {}

  /**
   * The outcome of checking a signed API request.
   *
   * @param problem the OAuth problem, or null if the request is good
   * @param grant what its token was issued for, when good
   */
  public record Check(String problem, Grant grant) {
    /** Whether the request is good. */
    public boolean ok() {
      return problem == null;
    }
  }

  private static final Duration SKEW = Duration.ofMinutes(5);
  private static final Duration TEMP_LIFETIME = Duration.ofMinutes(10);

  private record Temp(
      String secret,
      String callback,
      Map<String, String> requestParams,
      Instant expires,
      String verifier,
      String authorizePath,
      Map<String, String> authorizeParams) {}

  private record Issued(String secret, Grant grant) {}

  private record Signed(String problem, Map<String, String> oauth) {}

  private final Config config;
  private final Credentials consumer;
  private final Clock clock;
  private final AtomicReference<JsonNode> user;
  private final Map<String, Temp> temps = new ConcurrentHashMap<>();
  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final Set<String> nonces = ConcurrentHashMap.newKeySet();
  private final AtomicReference<FakeResponse> nextTokenAnswer = new AtomicReference<>();
  private final Set<URI> registeredCallbacks = ConcurrentHashMap.newKeySet();

  /**
   * Mounts the server on a fake server.
   *
   * @param server where to mount it
   * @param config the site's behaviour
   * @param consumer the only app it accepts
   * @param user the profile of the user who approves
   */
  public FakeOAuth1(FakeServer server, Config config, Credentials consumer, JsonNode user) {
    this(server, config, consumer, user, Clock.systemUTC());
  }

  FakeOAuth1(FakeServer server, Config config, Credentials consumer, JsonNode user, Clock clock) {
    this.config = config;
    this.consumer = consumer;
    this.clock = clock;
    this.user = new AtomicReference<>(user);
    server.route(config.requestTokenPath(), this::requestToken);
    for (String path : config.authorizePaths()) {
      server.route(path, r -> authorize(path, r));
    }
    server.route(config.accessTokenPath(), this::accessToken);
  }

  /** The user who approves. */
  public JsonNode user() {
    return user.get();
  }

  /** Replaces the user who approves from now on. */
  public void user(JsonNode profile) {
    user.set(profile);
  }

  /**
   * Registers a callback URL of the app, as its settings page at the site does. An {@code
   * oauth_callback} is accepted when it is a registered URL with, at most, a query added: the
   * library carries its state there, as the Python library does. Twitter answers an unregistered
   * one with error 415, "Callback URL not approved for this client application".
   */
  public FakeOAuth1 registerCallback(URI callback) {
    registeredCallbacks.add(java.util.Objects.requireNonNull(callback, "callback"));
    return this;
  }

  /** Makes the next request-token or access-token request get this answer instead. */
  public void failNextToken(FakeResponse answer) {
    nextTokenAnswer.set(answer);
  }

  /** What an access token was issued for, if it was. */
  public Optional<Grant> grant(String accessToken) {
    return Optional.ofNullable(tokens.get(accessToken)).map(Issued::grant);
  }

  /** The {@code oauth_callback} registered with a pending request token, if it is pending. */
  public Optional<String> callback(String requestToken) {
    return Optional.ofNullable(temps.get(requestToken)).map(Temp::callback);
  }

  /** Checks a signed API request made with an access token. */
  public Check verify(FakeRequest r) {
    Signed s =
        checkSignature(
            r,
            token ->
                token == null || !tokens.containsKey(token) ? null : tokens.get(token).secret());
    if (s.problem() != null) {
      return new Check(s.problem(), null);
    }
    return new Check(null, tokens.get(s.oauth().get("oauth_token")).grant());
  }

  /**
   * Checks a signed request as {@link #verify} does and, if it holds, ends the access token that
   * signed it: the token signs nothing afterwards.
   *
   * @return the token, or null if the request did not verify
   */
  public String verifyAndRevoke(FakeRequest r) {
    Signed s =
        checkSignature(
            r,
            token ->
                token == null || !tokens.containsKey(token) ? null : tokens.get(token).secret());
    if (s.problem() != null) {
      return null;
    }
    String token = s.oauth().get("oauth_token");
    tokens.remove(token);
    return token;
  }

  /** The answer for a failed check, as the token endpoints give it. */
  public static FakeResponse problem(int status, String problem) {
    return new FakeResponse(
        status,
        "application/x-www-form-urlencoded",
        "oauth_problem=" + OAuth1.encode(problem),
        List.of());
  }

  private FakeResponse requestToken(FakeRequest r) {
    FakeResponse injected = nextTokenAnswer.getAndSet(null);
    if (injected != null) {
      return injected;
    }
    if (!r.method().equals("GET") && !r.method().equals("POST")) {
      return problem(405, "method_not_allowed");
    }
    Signed s = checkSignature(r, token -> token == null ? "" : null);
    if (s.problem() != null) {
      return problem(401, s.problem());
    }
    String callback = s.oauth().get("oauth_callback");
    if (callback == null) {
      return problem(400, "parameter_absent");
    }
    if (!callback.equals("oob") && !isAbsoluteHttp(callback)) {
      return problem(400, "parameter_rejected");
    }
    if (!callback.equals("oob") && !registered(callback)) {
      return problem(403, "parameter_rejected");
    }
    Map<String, String> requestParams = new LinkedHashMap<>();
    OAuth1.formDecode(r.uri().getRawQuery())
        .forEach(p -> requestParams.putIfAbsent(p.name(), p.value()));
    String token = "req_" + Secrets.random(16);
    String secret = Secrets.random(20);
    temps.put(
        token,
        new Temp(
            secret,
            callback,
            requestParams,
            clock.instant().plus(TEMP_LIFETIME),
            null,
            null,
            Map.of()));
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("oauth_token", token);
    answer.put("oauth_token_secret", secret);
    answer.put("oauth_callback_confirmed", "true");
    return FakeResponse.form(Form.encode(answer));
  }

  private FakeResponse authorize(String path, FakeRequest r) {
    String token = r.param("oauth_token").orElse("");
    Temp temp = temps.get(token);
    if (temp == null || temp.verifier() != null || clock.instant().isAfter(temp.expires())) {
      return FakeResponse.text(400, "invalid or expired request token\n");
    }
    Map<String, String> params = new LinkedHashMap<>(r.params());
    params.remove("decision");
    String error = config.authorizeCheck() == null ? null : config.authorizeCheck().apply(params);
    if (error != null) {
      return FakeResponse.text(400, error + "\n");
    }
    if (!"POST".equals(r.method())) {
      return Consent.page(config.site(), displayName(), path, params);
    }
    if (!"approve".equals(r.param("decision").orElse(null))) {
      temps.remove(token);
      return config.deny().answer(temp.callback(), token);
    }
    String verifier = Secrets.random(16);
    params.remove("oauth_token");
    temps.put(
        token,
        new Temp(
            temp.secret(),
            temp.callback(),
            temp.requestParams(),
            temp.expires(),
            verifier,
            path,
            Map.copyOf(params)));
    if (temp.callback().equals("oob")) {
      return FakeResponse.html("<p>Your PIN: <b>" + verifier + "</b></p>");
    }
    Map<String, String> back = new LinkedHashMap<>();
    back.put("oauth_token", token);
    back.put("oauth_verifier", verifier);
    return FakeResponse.redirect(Form.appendQuery(temp.callback(), back));
  }

  private FakeResponse accessToken(FakeRequest r) {
    FakeResponse injected = nextTokenAnswer.getAndSet(null);
    if (injected != null) {
      return injected;
    }
    if (!r.method().equals("GET") && !r.method().equals("POST")) {
      return problem(405, "method_not_allowed");
    }
    Signed s =
        checkSignature(
            r,
            token -> token == null || !temps.containsKey(token) ? null : temps.get(token).secret());
    if (s.problem() != null) {
      return problem(401, s.problem());
    }
    // Single use: a signed attempt spends the temporary token, right or wrong.
    Temp temp = temps.remove(s.oauth().get("oauth_token"));
    if (temp == null || clock.instant().isAfter(temp.expires())) {
      return problem(401, "token_expired");
    }
    String verifier = s.oauth().get("oauth_verifier");
    if (temp.verifier() == null || verifier == null || !same(temp.verifier(), verifier)) {
      return problem(401, "permission_denied");
    }
    JsonNode who = user.get();
    String token = config.tokenPrefix() + Secrets.random(16);
    String secret = Secrets.random(20);
    tokens.put(
        token,
        new Issued(
            secret,
            new Grant(who, temp.requestParams(), temp.authorizePath(), temp.authorizeParams())));
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("oauth_token", token);
    answer.put("oauth_token_secret", secret);
    answer.putAll(config.accessExtras().apply(who));
    return FakeResponse.form(Form.encode(answer));
  }

  /**
   * Checks the protocol parameters and the signature of a request.
   *
   * @param secretOf the secret of the request's token (given null when it has none), or null if
   *     that token is not acceptable here
   */
  private Signed checkSignature(FakeRequest r, Function<String, String> secretOf) {
    String header = r.header("authorization");
    Map<String, String> oauth;
    try {
      oauth = header == null ? null : OAuth1.parseAuthorization(header);
    } catch (IllegalArgumentException e) {
      return new Signed("parameter_rejected", null);
    }
    if (oauth == null) {
      return new Signed("parameter_absent", null);
    }
    for (String required :
        List.of(
            "oauth_consumer_key",
            "oauth_signature_method",
            "oauth_timestamp",
            "oauth_nonce",
            "oauth_signature")) {
      if (!oauth.containsKey(required)) {
        return new Signed("parameter_absent", null);
      }
    }
    if (!consumer.clientId().equals(oauth.get("oauth_consumer_key"))) {
      return new Signed("consumer_key_unknown", null);
    }
    if (!OAuth1.HMAC_SHA1.equals(oauth.get("oauth_signature_method"))) {
      return new Signed("signature_method_rejected", null);
    }
    if (oauth.containsKey("oauth_version") && !"1.0".equals(oauth.get("oauth_version"))) {
      return new Signed("version_rejected", null);
    }
    long ts;
    try {
      ts = Long.parseLong(oauth.get("oauth_timestamp"));
    } catch (NumberFormatException e) {
      return new Signed("parameter_rejected", null);
    }
    if (Math.abs(clock.instant().getEpochSecond() - ts) > SKEW.toSeconds()) {
      return new Signed("timestamp_refused", null);
    }
    String token = oauth.get("oauth_token");
    String tokenSecret = secretOf.apply(token);
    if (tokenSecret == null) {
      return new Signed("token_rejected", null);
    }
    String expected;
    try {
      URI uri =
          URI.create(
              "http://"
                  + r.header("host")
                  + r.uri().getRawPath()
                  + (r.uri().getRawQuery() == null ? "" : "?" + r.uri().getRawQuery()));
      List<OAuth1.Param> params =
          OAuth1.signedParams(
              uri, header, r.header("content-type"), r.body().getBytes(StandardCharsets.UTF_8));
      expected =
          OAuth1.hmacSha1(
              OAuth1.baseString(r.method(), uri, params), consumer.clientSecret(), tokenSecret);
    } catch (IllegalArgumentException e) {
      return new Signed("parameter_rejected", null);
    }
    if (!same(expected, oauth.get("oauth_signature"))) {
      return new Signed("signature_invalid", null);
    }
    if (!nonces.add(ts + " " + oauth.get("oauth_nonce") + " " + token)) {
      return new Signed("nonce_used", null);
    }
    return new Signed(null, oauth);
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private boolean registered(String callback) {
    String bare = callback.replaceFirst("[?#].*$", "");
    return registeredCallbacks.stream().anyMatch(r -> r.toString().equals(bare));
  }

  private static boolean isAbsoluteHttp(String url) {
    try {
      URI u = new URI(url);
      return u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private String displayName() {
    JsonNode u = user.get();
    for (String[] path :
        new String[][] {
          {"screen_name"}, {"user", "name"}, {"person", "username", "_content"}, {"name"}
        }) {
      String v = Json.text(u, path);
      if (v != null) {
        return v;
      }
    }
    return "a test user";
  }
}
