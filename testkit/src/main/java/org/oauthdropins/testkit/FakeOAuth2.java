package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.Pkce;

/**
 * An OAuth 2 authorization server, as strict as the real ones: it checks the client id and secret
 * with the client authentication the site allows, the redirect URI (one the app registered, by
 * {@link #registerRedirectUri}, and repeated exactly at the token endpoint), single-use expiring
 * codes, and the PKCE verifier when a challenge was sent. With no registered redirect URI it
 * refuses every authorization request, as a site refuses an app whose settings name no callback: a
 * fake that took any redirect URI would hide a client that builds it from the request's Host. Fake
 * sites mount it on a {@link FakeServer} with their own paths and quirks, and add their API routes,
 * which check tokens with {@link #user(FakeRequest)}.
 */
public final class FakeOAuth2 {

  /**
   * How one site's authorization server behaves.
   *
   * @param site display name for the consent page
   * @param authorizePath path of the authorization endpoint
   * @param tokenPath path of the token endpoint
   * @param clientAuth the client authentication methods the token endpoint accepts
   * @param formUnlessJson answer form-encoded unless the client sends {@code Accept:
   *     application/json} (GitHub)
   * @param errorsWithOk send token errors with status 200 (GitHub)
   * @param declineParams the parameters of the redirect when the user denies
   * @param tokenPrefix prefix of issued access tokens
   * @param expiresIn lifetime of access tokens in seconds, or null to send none
   * @param refresh whether to issue refresh tokens
   * @param pkceRequired whether an authorization request without PKCE is refused
   */
  public record Config(
      String site,
      String authorizePath,
      String tokenPath,
      Set<ClientAuth> clientAuth,
      boolean formUnlessJson,
      boolean errorsWithOk,
      Map<String, String> declineParams,
      String tokenPrefix,
      Long expiresIn,
      boolean refresh,
      boolean pkceRequired) {

    /** Makes the value, checking its components. */
    public Config {
      clientAuth = Set.copyOf(clientAuth);
      declineParams = Map.copyOf(declineParams);
    }

    /** RFC 6749 defaults: Basic auth, JSON answers, {@code error=access_denied} on deny. */
    public static Config standard(String site, String authorizePath, String tokenPath) {
      return new Config(
          site,
          authorizePath,
          tokenPath,
          Set.of(ClientAuth.BASIC),
          false,
          false,
          Map.of("error", "access_denied", "error_description", "The user denied the request"),
          "tok_",
          3600L,
          true,
          false);
    }
  }

  /**
   * @param jkt the thumbprint of the DPoP key the code is bound to (RFC 9449 §10: a proof at the
   *     pushed request, or {@code dpop_jkt}), or null
   */
  private record Grant(
      String clientId,
      String redirectUri,
      String challenge,
      String scope,
      Instant expires,
      Map<String, String> params,
      String jkt) {}

  /**
   * A pushed authorization request (RFC 9126 §2), kept until its {@code request_uri} is used once
   * or expires.
   *
   * @param params the request's parameters, without client authentication
   * @param expires when its {@code request_uri} stops working
   * @param jkt the DPoP key the code will be bound to, or null
   */
  private record Pushed(Map<String, String> params, Instant expires, String jkt) {}

  /**
   * Adds to, changes or replaces a successful token answer: a site's own fields ({@code user_id},
   * {@code account_id}), fewer of the standard ones, another envelope, or, knowing the
   * authorization request that got the code, an OpenID Connect ID token with its nonce or Google's
   * refresh token only for {@code access_type=offline}.
   */
  @FunctionalInterface
  public interface TokenShaper {
    /**
     * @param body the token response about to be sent, as earlier steps left it
     * @param user the user the token is for
     * @param authorizeParams the parameters of the authorization request that got the code, or null
     *     when the answer is to a refresh
     * @return the body to send: {@code body} itself, changed, or a new object
     */
    ObjectNode shape(ObjectNode body, JsonNode user, Map<String, String> authorizeParams);
  }

  /**
   * A token the fake issued.
   *
   * @param grant the authorization grant (one approval) the token belongs to, so that replay
   *     detection can revoke all of that grant's tokens at once; null for tokens issued outside the
   *     code flow
   */
  private record Issued(JsonNode user, Instant expires, String scope, String grant, String jkt) {}

  /** How a site compares the redirect URI of an authorization request with a registered one. */
  @FunctionalInterface
  public interface RedirectMatch {
    /**
     * @param registered a redirect URI registered in the app's settings at the site
     * @param requested the {@code redirect_uri} of the authorization request
     */
    boolean matches(URI registered, URI requested);

    /**
     * Exact string comparison, as RFC 9700 §4.1.3 asks of authorization servers and most sites do
     * (Google, Facebook strict mode, X, Dropbox, ...).
     */
    RedirectMatch EXACT =
        (registered, requested) -> registered.toString().equals(requested.toString());

    /**
     * GitHub's and Meetup's rule: the same scheme, host and port, and a path that is the registered
     * one or below it. GitHub: "The redirect_uri's host (excluding sub-domains) and port must
     * exactly match the callback URL. The redirect_uri's path must reference a subdirectory of the
     * callback URL." (docs.github.com, Authorizing OAuth apps, "Redirect URLs"). GitHub also lets a
     * loopback redirect URI take any port; the fake does not, so that a test notices a client that
     * builds its redirect URI from the wrong origin.
     */
    RedirectMatch SUBPATH = FakeOAuth2::underRegistered;
  }

  /** The prefix of every {@code request_uri} (RFC 9126 §2.2). */
  static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

  /** How long a pushed request's {@code request_uri} works, as RFC 9126 §2.2's example. */
  static final long REQUEST_URI_SECONDS = 60;

  private final FakeServer server;
  private final Config config;
  private final Credentials credentials;
  private final Clock clock;
  private final AtomicReference<JsonNode> user;

  /** The grant parameter naming the sign-in session it was made in ({@link #signInSessions}). */
  public static final String SESSION = "_session";

  private volatile boolean signInSessions;
  private final Map<String, String> sessions = new ConcurrentHashMap<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final Map<String, Issued> refreshTokens = new ConcurrentHashMap<>();

  /** The authorization request of each grant, by grant id, for {@link #authorizeParams}. */
  private final Map<String, Map<String, String>> grantParams = new ConcurrentHashMap<>();

  /** Rotated-away refresh tokens, by the grant they belonged to: what replay detection watches. */
  private final Map<String, String> spentRefreshTokens = new ConcurrentHashMap<>();

  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicInteger revokedGrants = new AtomicInteger();
  private final AtomicInteger revocations = new AtomicInteger();
  private volatile String revocationPath;
  private final AtomicReference<FakeResponse> nextTokenAnswer = new AtomicReference<>();
  private final Set<URI> registeredRedirects = ConcurrentHashMap.newKeySet();
  private volatile RedirectMatch redirectMatch = RedirectMatch.EXACT;
  private volatile String callbackIss;
  private final AtomicReference<Function<FakeRequest, FakeResponse>> tokenGuard =
      new AtomicReference<>(r -> null);
  private volatile boolean tokenViaGet;
  private volatile boolean keepRefreshTokens;
  private volatile boolean replayDetection = true;
  private volatile String redirectSuffix = "";
  private final List<TokenShaper> shapers = new CopyOnWriteArrayList<>();
  private volatile ObjectNode tokenFields = Json.object();
  private volatile java.util.function.Predicate<String> secretCheck;
  private volatile Function<Map<String, String>, String> authorizeGuard = p -> null;
  private volatile java.util.function.BiFunction<JsonNode, Map<String, String>, Map<String, String>>
      approvalFields = (who, p) -> Map.of();
  private volatile String parPath;
  private volatile boolean parRequired;
  private final Map<String, Pushed> pushed = new ConcurrentHashMap<>();
  private final AtomicInteger pushes = new AtomicInteger();
  private volatile boolean dpop;
  private volatile boolean dpopRequired;
  private final DpopChecker dpopChecker;
  private final AtomicReference<String> dpopNonce = new AtomicReference<>(Secrets.random(12));
  private final AtomicInteger dpopNonceErrors = new AtomicInteger();

  /**
   * Mounts an authorization server on a fake server.
   *
   * @param server where to mount it
   * @param config the site's behaviour
   * @param credentials the only client it accepts
   * @param user the profile of the user who approves
   */
  public FakeOAuth2(FakeServer server, Config config, Credentials credentials, JsonNode user) {
    this(server, config, credentials, user, Clock.systemUTC());
  }

  FakeOAuth2(
      FakeServer server, Config config, Credentials credentials, JsonNode user, Clock clock) {
    this.server = server;
    this.config = config;
    this.credentials = credentials;
    this.clock = clock;
    this.dpopChecker = new DpopChecker(clock);
    this.user = new AtomicReference<>(user);
    this.secretCheck = credentials.clientSecret()::equals;
    server.route(config.authorizePath(), this::authorize);
    server.route(config.tokenPath(), this::token);
  }

  /** Also takes token requests as GETs with query parameters, as Facebook does. */
  public FakeOAuth2 acceptGetTokenRequests() {
    tokenViaGet = true;
    return this;
  }

  /**
   * Keeps refresh tokens valid after use and answers refreshes without a new one, as Dropbox does,
   * instead of rotating them.
   */
  public FakeOAuth2 keepRefreshTokens() {
    keepRefreshTokens = true;
    return this;
  }

  /**
   * Turns off refresh-token replay detection: a rotated-away refresh token is then merely refused
   * ({@code invalid_grant}) instead of also revoking its grant. Detection is on by default wherever
   * the fake rotates refresh tokens, as RFC 9700 §4.14.2 recommends for servers and as the real
   * rotating sites do, so that a client that spends one refresh token twice loses the login in the
   * tests as it would in production.
   */
  public FakeOAuth2 withoutReplayDetection() {
    replayDetection = false;
    return this;
  }

  /**
   * Serves pushed authorization requests (RFC 9126) at this path: client authentication as at the
   * token endpoint, the same checks as an authorization request (answered as JSON errors, never
   * redirects), a {@code request_uri} that works once and for {@value #REQUEST_URI_SECONDS}
   * seconds, for the client that pushed it, at an authorization endpoint that then takes nothing
   * but {@code client_id} and {@code request_uri}.
   *
   * @param path the endpoint's path
   * @param required whether the authorization endpoint refuses every request that was not pushed
   *     ({@code require_pushed_authorization_requests}, RFC 9126 §5)
   */
  public FakeOAuth2 pushedAuthorizationRequests(String path, boolean required) {
    if (parPath == null) {
      server.route(path, this::par);
    } else if (!parPath.equals(path)) {
      throw new IllegalStateException("the PAR endpoint is already at " + parPath);
    }
    parPath = path;
    parRequired = required;
    return this;
  }

  /** The path of the PAR endpoint, or null if the server has none. */
  public String parPath() {
    return parPath;
  }

  /** Whether the server takes pushed authorization requests only. */
  public boolean parRequired() {
    return parRequired;
  }

  /** How many pushed authorization requests the server accepted. */
  public int pushedRequests() {
    return pushes.get();
  }

  /**
   * Takes DPoP proofs (RFC 9449) at the PAR and token endpoints and at the resource routes that
   * check tokens with {@link #access}: a proof is checked for typ, ES256, its embedded public key
   * and signature, {@code htm} and {@code htu}, a recent {@code iat}, a {@code jti} never seen
   * before, the server's current nonce ({@code use_dpop_nonce} with a {@code DPoP-Nonce} header
   * otherwise, §8 and §9) and, at a resource, the token's {@code ath}. A token request with a proof
   * gets a token bound to its key ({@code token_type} {@code DPoP}, §5), which resources then take
   * only with the {@code DPoP} scheme and a proof of that key, and which a refresh must prove the
   * same key for; a code pushed with a proof (or {@code dpop_jkt}) is bound to that key.
   *
   * @param required whether a token request without a proof is refused, as for a client registered
   *     with {@code dpop_bound_access_tokens} (§5.2)
   */
  public FakeOAuth2 dpop(boolean required) {
    dpop = true;
    dpopRequired = required;
    return this;
  }

  /** Whether the server takes DPoP proofs. */
  public boolean dpopSupported() {
    return dpop;
  }

  /** Replaces the server's DPoP nonce, as servers rotate theirs. */
  public void rotateDpopNonce() {
    dpopNonce.set(Secrets.random(12));
  }

  /** How many requests were refused with {@code use_dpop_nonce}. */
  public int dpopNonceErrors() {
    return dpopNonceErrors.get();
  }

  /**
   * The thumbprint of the DPoP key a valid access token is bound to ({@code cnf.jkt}), or null for
   * a bearer token or one the server does not know.
   */
  public String boundKey(String token) {
    Issued issued = token == null ? null : tokens.get(token);
    return issued == null ? null : issued.jkt();
  }

  /** How many refresh requests reached the token endpoint, answered or refused. */
  public int refreshCount() {
    return refreshes.get();
  }

  /** How many grants replay detection has revoked. */
  public int revokedGrantCount() {
    return revokedGrants.get();
  }

  /** Appends this to the approval redirect, as Meta appends {@code #_}. */
  public FakeOAuth2 redirectSuffix(String suffix) {
    redirectSuffix = suffix;
    return this;
  }

  /**
   * Issues an access token for a user outside the code flow, for a site's own token routes (Meta's
   * long-lived tokens); {@link #user(String)} accepts it until it expires.
   */
  public String issueToken(JsonNode who, long expiresInSeconds) {
    String access = config.tokenPrefix() + Secrets.random(20);
    tokens.put(
        access, new Issued(who, clock.instant().plusSeconds(expiresInSeconds), null, null, null));
    return access;
  }

  /** Replaces the user who approves from now on. */
  public void user(JsonNode profile) {
    user.set(profile);
  }

  /** The user who approves. */
  public JsonNode user() {
    return user.get();
  }

  /**
   * Adds a step that shapes every successful token answer, code exchanges and refreshes, after the
   * steps added before.
   */
  public FakeOAuth2 shapeTokens(TokenShaper shaper) {
    shapers.add(Objects.requireNonNull(shaper, "shaper"));
    return this;
  }

  /**
   * Issues a refresh token only to a grant whose authorization request asked for this scope ({@code
   * offline_access} at Microsoft, Okta, Auth0 and Atlassian, {@code refresh_token} at Salesforce);
   * refreshes keep getting one.
   */
  public FakeOAuth2 refreshOnlyFor(String scope) {
    return shapeTokens(
        (body, who, params) -> {
          if (params != null
              && !List.of(params.getOrDefault("scope", "").split(" ")).contains(scope)) {
            body.remove("refresh_token");
          }
          return body;
        });
  }

  /** The scope a valid, unexpired token was issued with, if it is one. */
  public Optional<String> scope(String token) {
    Issued issued = token == null ? null : tokens.get(token);
    if (issued == null || issued.expires() != null && clock.instant().isAfter(issued.expires())) {
      return Optional.empty();
    }
    return Optional.ofNullable(issued.scope());
  }

  /** Makes the next token request get this answer instead, as a failing site would give. */
  public void failNextToken(FakeResponse answer) {
    nextTokenAnswer.set(answer);
  }

  /**
   * Registers a redirect URI of the app, as the app's settings page at the site does. The
   * authorization endpoint refuses (with a 400, never a redirect: RFC 6749 §4.1.2.1) a redirect URI
   * that matches none of the registered ones by the site's {@link #redirectMatch rule}.
   */
  public FakeOAuth2 registerRedirectUri(URI uri) {
    registeredRedirects.add(Objects.requireNonNull(uri, "uri"));
    return this;
  }

  /** Forgets every registered redirect URI, as when the app's settings are changed. */
  public FakeOAuth2 clearRedirectUris() {
    registeredRedirects.clear();
    return this;
  }

  /** How this site compares redirect URIs with the registered ones; exact by default. */
  public FakeOAuth2 redirectMatch(RedirectMatch match) {
    redirectMatch = Objects.requireNonNull(match, "match");
    return this;
  }

  /**
   * Adds this {@code iss} to every authorization response from now on (RFC 9207 §2), or none when
   * null; a test gives another server's issuer, or none, to act as a mix-up attacker.
   */
  public FakeOAuth2 callbackIss(String issuer) {
    callbackIss = issuer;
    return this;
  }

  /** GitHub's and Meetup's redirect URI rule: see {@link RedirectMatch#SUBPATH}. */
  public static boolean underRegistered(URI registered, URI requested) {
    String base = Objects.requireNonNullElse(registered.getPath(), "").replaceAll("/+$", "");
    String path = Objects.requireNonNullElse(requested.getPath(), "");
    return Objects.equals(registered.getScheme(), requested.getScheme())
        && Objects.equals(registered.getHost(), requested.getHost())
        && registered.getPort() == requested.getPort()
        && (path.equals(base) || path.startsWith(base + "/"));
  }

  /**
   * Fields added to (or replacing those of) every successful token response from now on, after the
   * shaping steps; they replace the fields set by an earlier call.
   */
  public void tokenFields(ObjectNode fields) {
    tokenFields = fields.deepCopy();
  }

  /**
   * A check run on every token request before anything else, e.g. a site's User-Agent rule: a
   * non-null answer is sent instead of processing the request.
   */
  public void tokenGuard(Function<FakeRequest, FakeResponse> guard) {
    tokenGuard.set(Objects.requireNonNull(guard, "guard"));
  }

  /**
   * Replaces how a {@code client_secret} is checked: equal to the credentials' secret by default;
   * Apple's is a JWT signed with the app's key, checked by its claims and signature.
   */
  public FakeOAuth2 clientSecretCheck(java.util.function.Predicate<String> check) {
    secretCheck = Objects.requireNonNull(check, "check");
    return this;
  }

  /**
   * Refuses authorization requests that break a site's own rule: the guard returns the {@code
   * error} to send back to the callback, or null to go on.
   */
  public FakeOAuth2 authorizeGuard(Function<Map<String, String>, String> guard) {
    authorizeGuard = Objects.requireNonNull(guard, "guard");
    return this;
  }

  /**
   * Adds fields to an approval's answer beside {@code code} and {@code state}, from the approving
   * user and the authorization request: Apple's {@code user} field at a first authorization.
   */
  public FakeOAuth2 approvalFields(
      java.util.function.BiFunction<JsonNode, Map<String, String>, Map<String, String>> fields) {
    approvalFields = Objects.requireNonNull(fields, "fields");
    return this;
  }

  /** The scope a request's valid Bearer token was granted, as the authorization request asked. */
  public Optional<String> scope(FakeRequest request) {
    Access access = access(request);
    return access.granted()
        ? Optional.of(access.scope() == null ? "" : access.scope())
        : Optional.empty();
  }

  /**
   * The user a request's access token was issued for, if the token is valid and not expired (and,
   * for a DPoP-bound one, presented with a valid proof of its key); API routes answer 401 when this
   * is empty. A route that should tell a client what its proof lacks uses {@link #access}.
   */
  public Optional<JsonNode> user(FakeRequest request) {
    Access access = access(request);
    return access.granted() ? Optional.of(access.user()) : Optional.empty();
  }

  /**
   * What a resource request's access token gives, checked once (a DPoP proof's {@code jti} is spent
   * by the check).
   *
   * @param user the user the token is for, or null if the request has no valid token
   * @param scope the token's scope, or null
   * @param authorizeParams the parameters of the authorization request the token goes back to
   * @param refusal for a DPoP-bound token whose proof is missing or wrong, the 401 to answer (with
   *     {@code WWW-Authenticate: DPoP} and, for a missing nonce, {@code DPoP-Nonce}); null
   *     otherwise
   */
  public record Access(
      JsonNode user, String scope, Map<String, String> authorizeParams, FakeResponse refusal) {
    /** Whether the request may have what it asks for. */
    public boolean granted() {
      return user != null && refusal == null;
    }
  }

  /**
   * Checks a resource request's access token: a bearer token with {@code Authorization: Bearer}, a
   * DPoP-bound one (see {@link #dpop}) only with {@code Authorization: DPoP} and a proof of its key
   * for this request, with the token's {@code ath} (RFC 9449 §7).
   */
  public Access access(FakeRequest request) {
    String header = request.header("authorization");
    String scheme = null;
    String token = null;
    if (header != null && header.indexOf(' ') > 0) {
      scheme = header.substring(0, header.indexOf(' '));
      token = header.substring(header.indexOf(' ') + 1).strip();
    }
    boolean dpopScheme = "DPoP".equalsIgnoreCase(scheme);
    if (!dpopScheme && !"Bearer".equalsIgnoreCase(scheme)) {
      return new Access(null, null, Map.of(), null);
    }
    Issued issued = token == null ? null : tokens.get(token);
    if (issued == null || issued.expires() != null && clock.instant().isAfter(issued.expires())) {
      return new Access(null, null, Map.of(), dpopScheme ? dpopRefusal("invalid_token") : null);
    }
    if (issued.jkt() != null || dpopScheme) {
      if (issued.jkt() == null || !dpopScheme) {
        // RFC 9449 §7.1: a bound token is no bearer token, and a bearer token no bound one.
        return new Access(null, null, Map.of(), dpopRefusal("invalid_token"));
      }
      DpopChecker.Result proof =
          dpopChecker.check(
              request, server.url() + request.uri().getRawPath(), dpopNonce.get(), token);
      if (!proof.ok()) {
        if (proof.wantsNonce()) {
          dpopNonceErrors.incrementAndGet();
        }
        return new Access(null, null, Map.of(), dpopRefusal(proof.error()));
      }
      if (!issued.jkt().equals(proof.jkt())) {
        return new Access(null, null, Map.of(), dpopRefusal("invalid_token"));
      }
    }
    String grant = issued.grant();
    return new Access(
        issued.user(),
        issued.scope(),
        grant == null ? Map.of() : grantParams.getOrDefault(grant, Map.of()),
        null);
  }

  /** A resource's refusal of a DPoP request (RFC 9449 §7.1), with the server's nonce. */
  private FakeResponse dpopRefusal(String error) {
    return FakeResponse.json(401, Map.of("error", error))
        .header("WWW-Authenticate", "DPoP error=\"" + error + "\", algs=\"ES256\"")
        .header("DPoP-Nonce", dpopNonce.get());
  }

  /** The user a token was issued for, if the token is valid and not expired. */
  public Optional<JsonNode> user(String token) {
    Issued issued = token == null ? null : tokens.get(token);
    if (issued == null || issued.expires() != null && clock.instant().isAfter(issued.expires())) {
      return Optional.empty();
    }
    return Optional.of(issued.user());
  }

  /**
   * The parameters of the authorization request that a request's valid Bearer token goes back to,
   * through any refreshes (empty for a token issued outside the code flow), if the token is valid:
   * what an API that answers by what the login asked for needs, such as an OpenID Connect {@code
   * claims} request.
   */
  public Optional<Map<String, String>> authorizeParams(FakeRequest request) {
    Access access = access(request);
    return access.granted() ? Optional.of(access.authorizeParams()) : Optional.empty();
  }

  /**
   * Serves OAuth 2.0 Token Revocation (RFC 7009) at this path: a POST with the client's
   * authentication as at the token endpoint (401 {@code invalid_client} otherwise) and a {@code
   * token}, access or refresh, whose whole grant then ends (§2.1 lets a server do so, and the real
   * ones the library revokes at do); an unknown token is answered 200 too (§2.2).
   */
  public FakeOAuth2 revocationEndpoint(String path) {
    return revocationEndpoint(path, r -> null);
  }

  /**
   * As {@link #revocationEndpoint(String)}, with what the provider checks beyond RFC 7009 (TikTok's
   * {@code client_key}): the guard answers a refusal, or null to go on.
   */
  public FakeOAuth2 revocationEndpoint(String path, Function<FakeRequest, FakeResponse> guard) {
    Objects.requireNonNull(guard, "guard");
    revocationPath = path;
    server.route(
        path,
        r -> {
          FakeResponse refused = "POST".equals(r.method()) ? guard.apply(r) : null;
          return refused != null ? refused : revocation(r);
        });
    return this;
  }

  /**
   * Serves a provider's own revocation form at this path, where RFC 7009's {@code token} parameter
   * is not what it takes (LINE's and VK ID's {@code access_token}): a POST with the client's
   * authentication as at the token endpoint and the token in {@code tokenParameter}, whose grant
   * then ends, answered {@code answer}; 405 for another method, 401 {@code invalid_client}, 400
   * {@code invalid_request} without the token.
   */
  public FakeOAuth2 formRevocationAt(
      String path, String tokenParameter, java.util.function.Supplier<FakeResponse> answer) {
    server.route(
        path,
        r -> {
          if (!"POST".equals(r.method())) {
            return FakeResponse.json(405, Map.of("error", "invalid_request"));
          }
          if (!clientAuthenticated(r)) {
            return FakeResponse.json(401, Map.of("error", "invalid_client"));
          }
          String token = r.param(tokenParameter).orElse("");
          if (token.isEmpty()) {
            return FakeResponse.json(
                400,
                Map.of(
                    "error",
                    "invalid_request",
                    "error_description",
                    tokenParameter + " is required"));
          }
          revokeToken(token);
          return answer.get();
        });
    return this;
  }

  /** The path of the revocation endpoint, or null if the server has none. */
  public String revocationPath() {
    return revocationPath;
  }

  /**
   * Ends a token as a provider's revocation does: every access and refresh token of its grant, or
   * the token alone if it was issued outside the code flow. A site's own revocation routes
   * (GitHub's grant delete, Facebook's permissions delete, Slack's {@code auth.revoke}) call this.
   *
   * @return whether the token was a live one of this server
   */
  public boolean revokeToken(String token) {
    if (token == null) {
      return false;
    }
    Issued issued = tokens.get(token);
    if (issued == null) {
      issued = refreshTokens.get(token);
    }
    if (issued == null) {
      return false;
    }
    revocations.incrementAndGet();
    if (issued.grant() != null) {
      revoke(issued.grant());
    } else {
      tokens.remove(token);
      refreshTokens.remove(token);
    }
    return true;
  }

  /** How many live tokens revocations have ended. */
  public int revocationCount() {
    return revocations.get();
  }

  /**
   * Whether a request carries this server's client authentication, as the token endpoint checks.
   */
  public boolean clientAuthenticated(FakeRequest r) {
    return authenticated(r);
  }

  /** Whether a refresh token would still be taken. */
  public boolean refreshTokenLive(String token) {
    return token != null && refreshTokens.containsKey(token);
  }

  private FakeResponse revocation(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return FakeResponse.json(405, Map.of("error", "invalid_request"));
    }
    if (!authenticated(r)) {
      return FakeResponse.json(401, Map.of("error", "invalid_client"));
    }
    String token = r.param("token").orElse(null);
    if (token == null || token.isEmpty()) {
      return FakeResponse.json(400, Map.of("error", "invalid_request"));
    }
    revokeToken(token);
    return FakeResponse.text(200, "");
  }

  /** Forgets every issued access token, as when a site revokes them; refresh tokens still work. */
  public void expireAccessTokens() {
    tokens.clear();
  }

  /**
   * What is wrong with an authorization request, or null.
   *
   * @param redirectable whether the error may go back to the redirect URI (RFC 6749 §4.1.2.1: not
   *     for a bad client id or redirect URI)
   */
  private record Problem(boolean redirectable, String error, String description) {}

  private Problem problem(Map<String, String> p) {
    if (!credentials.clientId().equals(p.get("client_id"))) {
      return new Problem(false, "invalid_request", "unknown client_id");
    }
    String redirect = p.get("redirect_uri");
    if (redirect == null || !(redirect.startsWith("http://") || redirect.startsWith("https://"))) {
      return new Problem(false, "invalid_request", "missing or invalid redirect_uri");
    }
    if (!registered(redirect)) {
      return new Problem(
          false, "invalid_request", "redirect_uri does not match the registered callback");
    }
    if (!"code".equals(p.get("response_type"))) {
      return new Problem(true, "unsupported_response_type", "response_type must be code");
    }
    String method = p.get("code_challenge_method");
    if (p.containsKey("code_challenge") && !Pkce.METHOD.equals(method)) {
      return new Problem(true, "invalid_request", "code_challenge_method must be S256");
    }
    if (config.pkceRequired() && !p.containsKey("code_challenge")) {
      return new Problem(true, "invalid_request", "PKCE is required");
    }
    String refused = authorizeGuard.apply(p);
    if (refused != null) {
      return new Problem(true, refused, "refused by the site's rule");
    }
    return null;
  }

  private FakeResponse authorize(FakeRequest r) {
    Map<String, String> p = r.params();
    String requestUri = p.get("request_uri");
    if (requestUri != null && parPath != null) {
      return authorizePushed(r, requestUri);
    }
    Problem problem = problem(p);
    if (problem != null && !problem.redirectable()) {
      return FakeResponse.text(400, problem.description() + "\n");
    }
    String redirect = p.get("redirect_uri");
    if (problem != null) {
      return answerError(p, redirect, problem.error());
    }
    if (parRequired) {
      // RFC 9126 §5: a server that requires PAR refuses every other request, as oidc-provider
      // does: to the (registered) redirect URI, with invalid_request.
      return answerError(p, redirect, "invalid_request");
    }
    return consentOrAnswer(r, p, p, null);
  }

  /**
   * An authorization request by reference to a pushed one (RFC 9126 §4): the client that pushed it,
   * nothing beside {@code client_id} and {@code request_uri}, before it expires, once.
   */
  private FakeResponse authorizePushed(FakeRequest r, String requestUri) {
    Map<String, String> p = r.params();
    Pushed request = pushed.get(requestUri);
    if (request != null && clock.instant().isAfter(request.expires())) {
      pushed.remove(requestUri);
      request = null;
    }
    if (request == null || !request.params().get("client_id").equals(p.get("client_id"))) {
      return FakeResponse.text(400, "unknown, expired or used request_uri\n");
    }
    for (String name : p.keySet()) {
      if (!List.of("client_id", "request_uri", "decision").contains(name)) {
        return FakeResponse.text(400, "parameter outside the pushed request: " + name + "\n");
      }
    }
    Map<String, String> carry = new LinkedHashMap<>();
    carry.put("client_id", p.get("client_id"));
    carry.put("request_uri", requestUri);
    if ("POST".equals(r.method()) && pushed.remove(requestUri) == null) {
      return FakeResponse.text(400, "unknown, expired or used request_uri\n");
    }
    Map<String, String> params = new LinkedHashMap<>(request.params());
    if (p.containsKey("decision")) {
      params.put("decision", p.get("decision"));
    }
    return consentOrAnswer(r, Map.copyOf(params), carry, request.jkt());
  }

  /**
   * The consent page for a checked request, or, for its POST, the answer to the redirect URI.
   *
   * @param p the request's parameters
   * @param carry what the consent page posts back
   * @param jkt the DPoP key the code is bound to, or null
   */
  private FakeResponse consentOrAnswer(
      FakeRequest r, Map<String, String> p, Map<String, String> carry, String jkt) {
    String redirect = p.get("redirect_uri");
    String session = null;
    String newSession = null;
    if (!"POST".equals(r.method())) {
      // prompt=login or consent asks the user again, whatever the session (OIDC Core §3.1.2.1).
      String prompt = p.getOrDefault("prompt", "");
      session = prompt.contains("login") || prompt.contains("consent") ? null : signedIn(r);
      if (session == null) {
        return Consent.page(config.site(), displayName(), config.authorizePath(), carry);
      }
      // Signed in already: the provider answers at once, as a real one does for a known user.
      p = new LinkedHashMap<>(p);
      p.put("decision", "approve");
    } else if (signInSessions && "approve".equals(p.get("decision"))) {
      newSession = Secrets.random(12);
      sessions.put(newSession, Json.text(user.get(), "sub"));
      session = newSession;
    }
    if (session != null) {
      p = new LinkedHashMap<>(p);
      p.put(SESSION, session);
      p = Map.copyOf(p);
    }
    FakeResponse answer = answer(p, redirect, jkt);
    return newSession == null
        ? answer
        : answer.header("Set-Cookie", sessionCookie() + "=" + newSession + "; Path=/; HttpOnly");
  }

  /** The session cookie's name: one per fake, as sites on one loopback host share cookies. */
  private String sessionCookie() {
    return "fake_session_" + config.site().replaceAll("[^A-Za-z0-9]", "");
  }

  /** The live sign-in session the request's cookie names, or null. */
  private String signedIn(FakeRequest r) {
    if (!signInSessions) {
      return null;
    }
    String cookies = r.header("cookie");
    if (cookies == null) {
      return null;
    }
    for (String c : cookies.split(";")) {
      String[] kv = c.strip().split("=", 2);
      if (kv.length == 2 && kv[0].equals(sessionCookie()) && sessions.containsKey(kv[1])) {
        return kv[1];
      }
    }
    return null;
  }

  /**
   * Remembers who signed in, as a real provider's sign-in session does: an approval sets a session
   * cookie at the provider, and an authorization request from a browser with a live session is
   * answered at once, without the consent page, until {@link #endSession} ends it. Each grant of a
   * session carries its id as the {@link #SESSION} parameter (an OpenID Connect provider's {@code
   * sid}). Off by default: every request shows the consent page.
   */
  public FakeOAuth2 signInSessions() {
    signInSessions = true;
    return this;
  }

  /** The live sign-in sessions, by id, with the {@code sub} of the user of each. */
  public Map<String, String> sessions() {
    return Map.copyOf(sessions);
  }

  /** Ends a sign-in session; the user's {@code sub}, if it was live. */
  public Optional<String> endSession(String session) {
    return Optional.ofNullable(session == null ? null : sessions.remove(session));
  }

  /** The sign-in session a browser's request names by its cookie, if live. */
  public Optional<String> sessionOf(FakeRequest r) {
    return Optional.ofNullable(signedIn(r));
  }

  private FakeResponse answer(Map<String, String> p, String redirect, String jkt) {
    Map<String, String> back = new LinkedHashMap<>();
    if ("approve".equals(p.get("decision"))) {
      String code = Secrets.random(16);
      codes.put(
          code,
          new Grant(
              p.get("client_id"),
              redirect,
              p.get("code_challenge"),
              p.get("scope"),
              clock.instant().plus(Duration.ofMinutes(10)),
              p,
              jkt));
      back.put("code", code);
      back.putAll(approvalFields.apply(user.get(), p));
    } else {
      back.putAll(config.declineParams());
    }
    back.put("state", p.get("state"));
    back.put("iss", callbackIss);
    if (FORM_POST.equals(p.get("response_mode"))) {
      return formPost(redirect, back);
    }
    String suffix = back.containsKey("code") ? redirectSuffix : "";
    return FakeResponse.redirect(Form.appendQuery(redirect, back) + suffix);
  }

  /** The PAR endpoint (RFC 9126 §2). */
  private FakeResponse par(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return error(r, 405, "invalid_request", "the PAR endpoint takes POST");
    }
    if (!authenticated(r)) {
      return error(r, 401, "invalid_client", "client authentication failed");
    }
    Map<String, String> p = new LinkedHashMap<>(r.params());
    p.remove("client_secret");
    if (p.containsKey("request_uri")) {
      return error(r, 400, "invalid_request", "request_uri must not be pushed");
    }
    String jkt = null;
    if (dpop && r.header("dpop") != null) {
      DpopChecker.Result proof =
          dpopChecker.check(r, server.url() + parPath, dpopNonce.get(), null);
      if (!proof.ok()) {
        return proofError(r, proof);
      }
      jkt = proof.jkt();
    }
    String asked = p.get("dpop_jkt");
    if (jkt != null && asked != null && !asked.equals(jkt)) {
      return error(r, 400, "invalid_request", "dpop_jkt does not match the DPoP proof");
    }
    Problem problem = problem(p);
    if (problem != null) {
      return error(r, 400, problem.error(), problem.description());
    }
    String requestUri = REQUEST_URI_PREFIX + Secrets.random(16);
    pushed.put(
        requestUri,
        new Pushed(
            Map.copyOf(p),
            clock.instant().plusSeconds(REQUEST_URI_SECONDS),
            jkt != null ? jkt : asked));
    pushes.incrementAndGet();
    ObjectNode body = Json.object();
    body.put("request_uri", requestUri);
    body.put("expires_in", REQUEST_URI_SECONDS);
    return answer(r, 201, body);
  }

  /** A refused DPoP proof at the PAR or token endpoint (RFC 9449 §5.10, §8). */
  private FakeResponse proofError(FakeRequest r, DpopChecker.Result proof) {
    if (proof.wantsNonce()) {
      dpopNonceErrors.incrementAndGet();
    }
    return error(r, 400, proof.error(), proof.description()).header("DPoP-Nonce", dpopNonce.get());
  }

  private static final String FORM_POST = "form_post";

  /**
   * The answer of {@code response_mode=form_post} (OAuth 2.0 Form Post Response Mode §2): a page of
   * the server's origin whose script POSTs the parameters to the redirect URI at once.
   */
  static FakeResponse formPost(String redirect, Map<String, String> params) {
    StringBuilder b =
        new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">")
            .append("<title>Submit this form</title></head><body>")
            .append("<form method=\"post\" action=\"")
            .append(org.oauthdropins.Html.escape(redirect))
            .append("\">");
    params.forEach(
        (k, v) -> {
          if (v != null) {
            b.append("<input type=\"hidden\" name=\"")
                .append(org.oauthdropins.Html.escape(k))
                .append("\" value=\"")
                .append(org.oauthdropins.Html.escape(v))
                .append("\">");
          }
        });
    b.append("<noscript><button type=\"submit\">Continue</button></noscript></form>")
        .append("<script>document.forms[0].submit()</script></body></html>");
    return FakeResponse.html(b.toString());
  }

  private boolean registered(String redirect) {
    URI requested;
    try {
      requested = new URI(redirect);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
    return registeredRedirects.stream().anyMatch(r -> redirectMatch.matches(r, requested));
  }

  private FakeResponse redirectError(String redirect, String state, String error) {
    Map<String, String> back = new LinkedHashMap<>();
    back.put("error", error);
    back.put("state", state);
    back.put("iss", callbackIss);
    return FakeResponse.redirect(Form.appendQuery(redirect, back));
  }

  private FakeResponse answerError(Map<String, String> p, String redirect, String error) {
    if (!FORM_POST.equals(p.get("response_mode"))) {
      return redirectError(redirect, p.get("state"), error);
    }
    Map<String, String> back = new LinkedHashMap<>();
    back.put("error", error);
    back.put("state", p.get("state"));
    back.put("iss", callbackIss);
    return formPost(redirect, back);
  }

  private FakeResponse token(FakeRequest r) {
    FakeResponse injected = nextTokenAnswer.getAndSet(null);
    if (injected != null) {
      return injected;
    }
    FakeResponse refused = tokenGuard.get().apply(r);
    if (refused != null) {
      return refused;
    }
    if (!"POST".equals(r.method()) && !(tokenViaGet && "GET".equals(r.method()))) {
      return error(r, 405, "invalid_request", "the token endpoint takes POST");
    }
    if (!authenticated(r)) {
      return error(r, 401, "invalid_client", "client authentication failed");
    }
    String jkt = null;
    if (dpop && r.header("dpop") != null) {
      DpopChecker.Result proof =
          dpopChecker.check(r, server.url() + config.tokenPath(), dpopNonce.get(), null);
      if (!proof.ok()) {
        return proofError(r, proof);
      }
      jkt = proof.jkt();
    } else if (dpopRequired) {
      return error(r, 400, "invalid_dpop_proof", "a DPoP proof is required of this client");
    }
    String grantType = r.param("grant_type").orElse("");
    if (grantType.equals("refresh_token")) {
      return refresh(r, jkt);
    }
    if (!grantType.equals("authorization_code")) {
      return error(r, 400, "unsupported_grant_type", "unsupported grant_type");
    }
    Grant grant = codes.remove(r.param("code").orElse(""));
    if (grant == null || clock.instant().isAfter(grant.expires())) {
      return error(r, 400, "invalid_grant", "the code is incorrect, expired or used");
    }
    if (!grant.redirectUri().equals(r.param("redirect_uri").orElse(null))) {
      return error(
          r, 400, "invalid_grant", "redirect_uri does not match the authorization request");
    }
    Optional<String> verifier = r.param("code_verifier");
    if (grant.challenge() != null
        && (verifier.isEmpty() || !Pkce.challenge(verifier.get()).equals(grant.challenge()))) {
      return error(r, 400, "invalid_grant", "PKCE verification failed");
    }
    if (grant.challenge() == null && verifier.isPresent()) {
      return error(r, 400, "invalid_request", "code_verifier sent without a challenge");
    }
    if (grant.jkt() != null && !grant.jkt().equals(jkt)) {
      return error(r, 400, "invalid_grant", "the DPoP key is not the one the code is bound to");
    }
    String grantId = Secrets.random(8);
    grantParams.put(grantId, grant.params());
    return issue(r, user.get(), grant.scope(), grantId, true, grant.params(), jkt);
  }

  /**
   * A refresh: a rotating server spends the presented token and issues a new one; with replay
   * detection, a token presented again after it was spent revokes every token of its grant (RFC
   * 9700 §4.14.2: the server cannot tell the legitimate client from an attacker, so it ends both).
   */
  private FakeResponse refresh(FakeRequest r, String jkt) {
    refreshes.incrementAndGet();
    String presented = r.param("refresh_token").orElse("");
    Issued bound = refreshTokens.get(presented);
    if (bound != null && bound.jkt() != null && !bound.jkt().equals(jkt)) {
      // Stricter than RFC 9449 §5 asks of a confidential client's refresh token, which the library
      // proves with the login's key anyway: a refresh that loses the binding is a bug.
      return error(r, 400, "invalid_grant", "the refresh token is bound to another DPoP key");
    }
    Issued old = keepRefreshTokens ? refreshTokens.get(presented) : refreshTokens.remove(presented);
    if (old == null) {
      String grant = spentRefreshTokens.get(presented);
      if (grant != null && replayDetection) {
        revoke(grant);
      }
      return error(r, 400, "invalid_grant", "unknown or used refresh token");
    }
    if (!keepRefreshTokens && old.grant() != null) {
      spentRefreshTokens.put(presented, old.grant());
    }
    return issue(r, old.user(), old.scope(), old.grant(), !keepRefreshTokens, null, jkt);
  }

  /** Forgets every access and refresh token of one grant. */
  private void revoke(String grant) {
    tokens.values().removeIf(i -> grant.equals(i.grant()));
    refreshTokens.values().removeIf(i -> grant.equals(i.grant()));
    revokedGrants.incrementAndGet();
  }

  private boolean authenticated(FakeRequest r) {
    String header = r.header("authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      if (!config.clientAuth().contains(ClientAuth.BASIC)) {
        return false;
      }
      String pair;
      try {
        pair =
            new String(
                Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
      int colon = pair.indexOf(':');
      if (colon < 0) {
        return false;
      }
      Map<String, String> decoded =
          Form.decode("id=" + pair.substring(0, colon) + "&secret=" + pair.substring(colon + 1));
      return credentials.clientId().equals(decoded.get("id"))
          && secretCheck.test(decoded.get("secret"));
    }
    if (r.param("client_secret").isPresent()) {
      return config.clientAuth().contains(ClientAuth.POST)
          && credentials.clientId().equals(r.param("client_id").orElse(null))
          && secretCheck.test(r.param("client_secret").get());
    }
    return config.clientAuth().contains(ClientAuth.NONE)
        && credentials.clientId().equals(r.param("client_id").orElse(null));
  }

  private FakeResponse issue(
      FakeRequest r,
      JsonNode who,
      String scope,
      String grant,
      boolean newRefresh,
      Map<String, String> authorizeParams,
      String jkt) {
    String access = config.tokenPrefix() + Secrets.random(20);
    Instant expires =
        config.expiresIn() == null ? null : clock.instant().plusSeconds(config.expiresIn());
    tokens.put(access, new Issued(who, expires, scope, grant, jkt));
    ObjectNode body = Json.object();
    body.put("access_token", access);
    body.put("token_type", jkt == null ? "bearer" : "DPoP");
    if (config.expiresIn() != null) {
      body.put("expires_in", config.expiresIn());
    }
    if (config.refresh() && newRefresh) {
      String refresh = "ref_" + Secrets.random(20);
      refreshTokens.put(refresh, new Issued(who, null, scope, grant, jkt));
      body.put("refresh_token", refresh);
    }
    body.put("scope", scope == null ? "" : scope);
    ObjectNode shaped = body;
    for (TokenShaper s : shapers) {
      shaped = s.shape(shaped, who, authorizeParams);
    }
    shaped.setAll(tokenFields.deepCopy());
    return answer(r, 200, shaped);
  }

  private FakeResponse error(FakeRequest r, int status, String error, String description) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    return answer(r, config.errorsWithOk() ? 200 : status, body);
  }

  private FakeResponse answer(FakeRequest r, int status, ObjectNode body) {
    String accept = Objects.requireNonNullElse(r.header("accept"), "");
    if (config.formUnlessJson() && !accept.contains("json")) {
      Map<String, String> form = new LinkedHashMap<>();
      body.properties().forEach(e -> form.put(e.getKey(), e.getValue().asText()));
      return new FakeResponse(
          status, "application/x-www-form-urlencoded", Form.encode(form), java.util.List.of());
    }
    return FakeResponse.json(status, body)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache");
  }

  private String displayName() {
    JsonNode u = user.get();
    for (String f : new String[] {"login", "username", "name", "email", "id"}) {
      String v = Json.text(u, f);
      if (v != null) {
        return v;
      }
    }
    return "a test user";
  }
}
