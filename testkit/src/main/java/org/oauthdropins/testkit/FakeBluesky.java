package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.Credentials;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.atproto.TxtResolver;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.Pkce;

/**
 * A fake atproto network on loopback: a PLC directory, a PDS and its authorization server, each on
 * its own port, as Bluesky runs them on separate hosts.
 *
 * <ul>
 *   <li>PLC directory: {@code GET /<did>} answers the DID document naming the account's PDS.
 *   <li>PDS: {@code /.well-known/oauth-protected-resource}, {@code
 *       com.atproto.identity.resolveHandle}, {@code app.bsky.actor.getProfile} (DPoP-bound tokens
 *       with a proof checked for signature, htm, htu, iat, single-use jti, nonce, ath and the
 *       token's key binding {@code cnf.jkt}; or an app-password session token), {@code
 *       com.atproto.server.createSession} and {@code refreshSession} (single-use refresh JWTs).
 *   <li>Authorization server: metadata, PAR (201, DPoP required with the current nonce, the atproto
 *       loopback client {@code http://localhost?redirect_uri=...&scope=...}, PKCE S256 required, no
 *       client secret), the consent page, and the token endpoint (the proof's key must be the one
 *       of the PAR request; single-use codes and rotated refresh tokens; {@code sub}, {@code scope}
 *       and {@code token_type DPoP} in the answer).
 * </ul>
 *
 * Nonces rotate: every answer carries the current one, {@link #rotateNonces()} replaces them, and a
 * stale one is refused with {@code use_dpop_nonce} (400 at the authorization server, 401 with
 * {@code WWW-Authenticate} at the PDS).
 */
public final class FakeBluesky implements Fake {

  /** The account that the sandbox logs in as. */
  public static final String HANDLE = "alice.test";

  /** The DID of the fake's user, {@link #HANDLE}. */
  public static final String DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";

  /** Its app password. */
  public static final String PASSWORD = "abcd-efgh-ijkl-mnop";

  /**
   * What an app's app-password form posts for {@link #HANDLE} ({@code username}, {@code password},
   * and {@code state} unless null), to {@code org.oauthdropins.sites.bluesky.PasswordLogin}.
   */
  public static Map<String, String> passwordForm(String state) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", HANDLE);
    form.put("password", PASSWORD);
    if (state != null) {
      form.put("state", state);
    }
    return form;
  }

  /** A second account, for tests that need another DID. */
  public static final String OTHER_HANDLE = "bob.test";

  /** The DID of the second account, {@link #OTHER_HANDLE}. */
  public static final String OTHER_DID = "did:plc:bbbbbbbbbbbbbbbbbbbbbbbb";

  private static final String PAR_PREFIX = "urn:ietf:params:oauth:request_uri:req-";

  /** A user of the fake network. */
  private record Account(String handle, String did, String password, String pds) {}

  private record Par(
      String clientId,
      String redirectUri,
      String challenge,
      String state,
      String scope,
      String jkt,
      Account account) {}

  private record Grant(Par par, Instant expires) {}

  /** An issued token and what it is bound to; jkt is null for app-password sessions. */
  private record Issued(
      Account account, String jkt, String clientId, String scope, Instant expires) {}

  private final FakeServer plc = new FakeServer();
  private final FakeServer pds = new FakeServer();
  private final FakeServer as = new FakeServer();
  private final Clock clock = Clock.systemUTC();
  private final DpopChecker dpop = new DpopChecker(clock);
  private final AccessTokens accessTokens = new AccessTokens();
  private final Map<String, Account> byHandle = new ConcurrentHashMap<>();
  private final Map<String, Account> byDid = new ConcurrentHashMap<>();
  private final Map<String, Par> pars = new ConcurrentHashMap<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final Map<String, Issued> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, Issued> sessions = new ConcurrentHashMap<>();
  private final Map<String, Issued> sessionRefresh = new ConcurrentHashMap<>();
  private final AtomicReference<String> asNonce = new AtomicReference<>(Secrets.random(12));
  private final AtomicReference<String> pdsNonce = new AtomicReference<>(Secrets.random(12));
  private final AtomicInteger nonceErrors = new AtomicInteger();
  private final AtomicInteger asNonceStatus = new AtomicInteger(400);
  private final AtomicReference<FakeResponse> nextPar = new AtomicReference<>();
  private final AtomicReference<FakeResponse> nextToken = new AtomicReference<>();
  private final AtomicReference<String> subOverride = new AtomicReference<>();
  private final AtomicReference<String> scopeOverride = new AtomicReference<>();
  private final List<String> profileRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile long accessLifetime = 300;
  private volatile int profileFailure;
  private final List<String> proxyHeaders = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeBluesky() {
    addAccount(HANDLE, DID, PASSWORD, pds.url().toString());
    addAccount(OTHER_HANDLE, OTHER_DID, "bbbb-bbbb-bbbb-bbbb", pds.url().toString());
    pds.route("/.well-known/oauth-protected-resource", this::protectedResource);
    pds.route("/xrpc/com.atproto.identity.resolveHandle", this::resolveHandle);
    pds.route("/xrpc/app.bsky.actor.getProfile", this::getProfile);
    pds.route("/xrpc/com.atproto.repo.describeRepo", this::describeRepo);
    pds.route("/xrpc/com.atproto.server.createSession", this::createSession);
    pds.route("/xrpc/com.atproto.server.refreshSession", this::refreshSession);
    pds.route("/xrpc/com.atproto.server.deleteSession", this::deleteSession);
    as.route("/.well-known/oauth-authorization-server", r -> FakeResponse.json(200, metadata()));
    as.route("/oauth/par", this::par);
    as.route("/oauth/authorize", this::authorize);
    as.route("/oauth/token", this::token);
    as.route("/oauth/revoke", this::revoke);
  }

  /**
   * Adds an account whose DID document names the given PDS endpoint (which need not be this fake's:
   * a test of where a handle may lead puts any URL there).
   */
  public void addAccount(String handle, String did, String password, String pdsEndpoint) {
    Account a = new Account(handle, did, password, pdsEndpoint);
    byHandle.put(handle, a);
    byDid.put(did, a);
    plc.route("/" + did, r -> FakeResponse.json(200, didDocument(a)));
  }

  @Override
  public String name() {
    return "bluesky";
  }

  /** The PDS. */
  @Override
  public URI url() {
    return pds.url();
  }

  /** The PLC directory. */
  public URI plcUrl() {
    return plc.url();
  }

  /** The authorization server (its issuer). */
  public URI authServerUrl() {
    return as.url();
  }

  /** atproto clients have no secret; this is the loopback client's id. */
  @Override
  public Credentials credentials() {
    return new Credentials("http://localhost", "");
  }

  /**
   * Development mode against this fake: its PLC directory, handles resolved by its PDS, and the
   * SSRF guard opted in to plain http and loopback (nothing else private).
   */
  @Override
  public SiteOptions options() {
    return new SiteOptions(Map.of(), credentials(), GuardedTransport.localDevelopment())
        .withBase("plc", plc.url().toString())
        .withBase("dev_pds", pds.url().toString());
  }

  @Override
  public Map<String, String> startParams() {
    return Map.of("handle", HANDLE);
  }

  /** DNS as this fake's accounts would publish it: {@code _atproto.<handle>} TXT {@code did=}. */
  public TxtResolver txt() {
    return name -> {
      Account a = name.startsWith("_atproto.") ? byHandle.get(name.substring(9)) : null;
      return a == null ? List.of() : List.of("did=" + a.did());
    };
  }

  /** Replaces both servers' nonces, as they do every few minutes. */
  public void rotateNonces() {
    asNonce.set(Secrets.random(12));
    pdsNonce.set(Secrets.random(12));
  }

  /** How many requests were refused with {@code use_dpop_nonce}. */
  public int nonceErrors() {
    return nonceErrors.get();
  }

  /** Whether the authorization server asks for a nonce with 400 (RFC 9449) or 401 (bsky-docs). */
  public void authServerNonceStatus(int status) {
    asNonceStatus.set(status);
  }

  /** Makes the next PAR request get this answer. */
  public void failNextPar(FakeResponse answer) {
    nextPar.set(answer);
  }

  /** Makes the next token request get this answer. */
  public void failNextToken(FakeResponse answer) {
    nextToken.set(answer);
  }

  /** Makes token answers name this DID as {@code sub}, as a malicious server would; null undoes. */
  public void subOverride(String did) {
    subOverride.set(did);
  }

  /** Makes token answers grant this scope; null undoes. */
  public void scopeOverride(String scope) {
    scopeOverride.set(scope);
  }

  /** The lifetime of access tokens issued from now on, in seconds. */
  public void accessLifetime(long seconds) {
    accessLifetime = seconds;
  }

  /** Forgets every access token and session token, as when they expire. */
  public void expireAccessTokens() {
    tokens.clear();
    sessions.clear();
  }

  /**
   * Makes every profile request fail with this status (a PDS whose AppView is unreachable answers
   * 500), or succeed again with 0.
   */
  public void failProfiles(int status) {
    profileFailure = status;
  }

  /** The {@code atproto-proxy} header of each profile request, "" where it had none. */
  public List<String> profileProxyHeaders() {
    return List.copyOf(proxyHeaders);
  }

  /**
   * Development mode with only the PDS named: the PLC directory is the one the PDS uses, reached
   * through its {@code com.atproto.repo.describeRepo}.
   */
  public SiteOptions optionsWithOnlyThePds() {
    return new SiteOptions(Map.of(), credentials(), GuardedTransport.localDevelopment())
        .withBase("dev_pds", pds.url().toString());
  }

  /** The number of requests that reached any of the fake's servers' profile endpoint. */
  public int profileRequests() {
    return profileRequests.size();
  }

  // ---- PLC directory ----

  private ObjectNode didDocument(Account a) {
    ObjectNode doc = Json.object();
    doc.putArray("@context")
        .add("https://www.w3.org/ns/did/v1")
        .add("https://w3id.org/security/multikey/v1");
    doc.put("id", a.did());
    doc.putArray("alsoKnownAs").add("at://" + a.handle());
    ObjectNode vm = doc.putArray("verificationMethod").addObject();
    vm.put("id", a.did() + "#atproto");
    vm.put("type", "Multikey");
    vm.put("controller", a.did());
    vm.put("publicKeyMultibase", "zQ3shXjHeiBuRCKmM36cuYnm7YEMzhGnCmCyW92sRJ9pribSF");
    ObjectNode service = doc.putArray("service").addObject();
    service.put("id", "#atproto_pds");
    service.put("type", "AtprotoPersonalDataServer");
    service.put("serviceEndpoint", a.pds());
    return doc;
  }

  // ---- PDS ----

  private FakeResponse protectedResource(FakeRequest r) {
    ObjectNode m = Json.object();
    m.put("resource", pds.url().toString());
    m.putArray("authorization_servers").add(as.url().toString());
    m.putArray("scopes_supported");
    m.putArray("bearer_methods_supported").add("header");
    return FakeResponse.json(200, m);
  }

  private FakeResponse resolveHandle(FakeRequest r) {
    Account a = byHandle.get(r.param("handle").orElse(""));
    if (a == null) {
      return xrpcError(400, "InvalidRequest", "Unable to resolve handle");
    }
    return FakeResponse.json(200, Map.of("did", a.did()));
  }

  private FakeResponse describeRepo(FakeRequest r) {
    Account a = byDid.get(r.param("repo").orElse(""));
    if (a == null) {
      return xrpcError(400, "RepoNotFound", "Could not find repo");
    }
    ObjectNode repo = Json.object();
    repo.put("handle", a.handle());
    repo.put("did", a.did());
    repo.set("didDoc", didDocument(a));
    repo.put("handleIsCorrect", true);
    return FakeResponse.json(200, repo);
  }

  private FakeResponse getProfile(FakeRequest r) {
    profileRequests.add(r.uri().toString());
    proxyHeaders.add(r.header("atproto-proxy") == null ? "" : r.header("atproto-proxy"));
    if (profileFailure != 0) {
      return xrpcError(profileFailure, "InternalServerError", "Internal Server Error");
    }
    String auth = r.header("authorization");
    Account who;
    if (auth != null && auth.regionMatches(true, 0, "DPoP ", 0, 5)) {
      String token = auth.substring(5).strip();
      DpopChecker.Result proof =
          dpop.check(r, pds.url() + r.uri().getPath(), pdsNonce.get(), token);
      if (proof.wantsNonce()) {
        nonceErrors.incrementAndGet();
        return new FakeResponse(
                401,
                "application/json",
                Json.write(Map.of("error", "use_dpop_nonce", "message", proof.description())),
                List.of())
            .header(
                "WWW-Authenticate",
                "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce"
                    + " in DPoP proof\"")
            .header("DPoP-Nonce", pdsNonce.get());
      }
      Issued issued = tokens.get(token);
      if (!proof.ok()) {
        return invalidToken(proof.description());
      }
      // The token's own cnf.jkt binds it to the key that must sign every proof presenting it.
      if (issued == null
          || clock.instant().isAfter(issued.expires())
          || !proof.jkt().equals(accessTokens.boundKey(token))) {
        return invalidToken("bad, expired or unbound token");
      }
      who = issued.account();
    } else {
      Issued session = sessions.get(r.bearer() == null ? "" : r.bearer());
      if (session == null) {
        return xrpcError(401, "AuthenticationRequired", "Authentication Required");
      }
      who = session.account();
    }
    String actor = r.param("actor").orElse("");
    Account a = actor.startsWith("did:") ? byDid.get(actor) : byHandle.get(actor);
    if (a == null || who == null) {
      return xrpcError(400, "InvalidRequest", "Profile not found");
    }
    return FakeResponse.json(200, profile(a)).header("DPoP-Nonce", pdsNonce.get());
  }

  private FakeResponse invalidToken(String description) {
    return new FakeResponse(
            401,
            "application/json",
            Json.write(Map.of("error", "InvalidToken", "message", description)),
            List.of())
        .header("WWW-Authenticate", "DPoP error=\"invalid_token\"")
        .header("DPoP-Nonce", pdsNonce.get());
  }

  private static ObjectNode profile(Account a) {
    ObjectNode p = Json.object();
    p.put("did", a.did());
    p.put("handle", a.handle());
    p.put(
        "displayName",
        a.handle().substring(0, 1).toUpperCase() + a.handle().split("\\.")[0].substring(1));
    p.put("description", "A sandbox account on the fake Bluesky.");
    p.put("avatar", "https://cdn.bsky.app/img/avatar/plain/" + a.did() + "/fake@jpeg");
    p.put("followersCount", 3);
    p.put("followsCount", 5);
    p.put("postsCount", 8);
    p.put("createdAt", "2024-03-15T00:00:00.000Z");
    return p;
  }

  private FakeResponse createSession(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return xrpcError(405, "InvalidRequest", "createSession takes POST");
    }
    JsonNode body;
    try {
      body = Json.parse(r.body());
    } catch (IllegalArgumentException e) {
      return xrpcError(400, "InvalidRequest", "Invalid JSON");
    }
    String id = Json.text(body, "identifier");
    Account a = id == null ? null : id.startsWith("did:") ? byDid.get(id) : byHandle.get(id);
    if (a == null || !a.password().equals(Json.text(body, "password"))) {
      return xrpcError(401, "AuthenticationRequired", "Invalid identifier or password");
    }
    return FakeResponse.json(200, session(a));
  }

  private FakeResponse refreshSession(FakeRequest r) {
    Issued old = sessionRefresh.remove(r.bearer() == null ? "" : r.bearer());
    if (old == null) {
      return xrpcError(400, "ExpiredToken", "Token has been revoked");
    }
    return FakeResponse.json(200, session(old.account()));
  }

  /**
   * {@code com.atproto.server.deleteSession}: the session's refresh JWT as the bearer ends the
   * session, whose access JWT then works no more.
   */
  private FakeResponse deleteSession(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return xrpcError(405, "InvalidRequest", "deleteSession takes POST");
    }
    Issued session = sessionRefresh.remove(r.bearer() == null ? "" : r.bearer());
    if (session == null) {
      return xrpcError(400, "ExpiredToken", "Token has been revoked");
    }
    sessions.values().removeIf(s -> s == session);
    return new FakeResponse(200, "application/json", "", List.of());
  }

  private ObjectNode session(Account a) {
    String access = "eyJ.acc." + Secrets.random(18);
    String refresh = "eyJ.ref." + Secrets.random(18);
    Issued issued = new Issued(a, null, null, null, null);
    sessions.put(access, issued);
    sessionRefresh.put(refresh, issued);
    ObjectNode s = Json.object();
    s.put("accessJwt", access);
    s.put("refreshJwt", refresh);
    s.put("handle", a.handle());
    s.put("did", a.did());
    s.put("active", true);
    return s;
  }

  private static FakeResponse xrpcError(int status, String error, String message) {
    return FakeResponse.json(status, Map.of("error", error, "message", message));
  }

  // ---- authorization server ----

  private ObjectNode metadata() {
    String issuer = as.url().toString();
    ObjectNode m = Json.object();
    m.put("issuer", issuer);
    m.put("authorization_endpoint", issuer + "/oauth/authorize");
    m.put("token_endpoint", issuer + "/oauth/token");
    m.put("pushed_authorization_request_endpoint", issuer + "/oauth/par");
    m.put("revocation_endpoint", issuer + "/oauth/revoke");
    m.put("require_pushed_authorization_requests", true);
    m.putArray("response_types_supported").add("code");
    m.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
    m.putArray("code_challenge_methods_supported").add("S256");
    m.putArray("token_endpoint_auth_methods_supported").add("none").add("private_key_jwt");
    m.putArray("token_endpoint_auth_signing_alg_values_supported").add("ES256");
    m.putArray("dpop_signing_alg_values_supported").add("ES256");
    m.putArray("scopes_supported")
        .add("atproto")
        .add("transition:generic")
        .add("transition:chat.bsky")
        .add("transition:email");
    m.put("authorization_response_iss_parameter_supported", true);
    m.put("client_id_metadata_document_supported", true);
    m.put("require_request_uri_registration", true);
    return m;
  }

  /** The redirect URIs and scope of the atproto loopback client, or null for any other id. */
  private static Map<String, String> loopbackClient(String clientId) {
    if (clientId == null
        || !(clientId.equals("http://localhost") || clientId.startsWith("http://localhost?"))) {
      return null;
    }
    int q = clientId.indexOf('?');
    return Form.decode(q < 0 ? "" : clientId.substring(q + 1));
  }

  private static boolean redirectAllowed(Map<String, String> client, String redirect) {
    if (redirect == null) {
      return false;
    }
    if (client.containsKey("redirect_uri")) {
      return client.get("redirect_uri").equals(redirect);
    }
    // The default loopback redirects, matched by path with any port.
    URI u = URI.create(redirect);
    return "http".equals(u.getScheme())
        && ("127.0.0.1".equals(u.getHost()) || "[::1]".equals(u.getHost()))
        && "/".equals(u.getPath());
  }

  private FakeResponse par(FakeRequest r) {
    FakeResponse injected = nextPar.getAndSet(null);
    if (injected != null) {
      return injected;
    }
    if (!"POST".equals(r.method())) {
      return oauthError(405, "invalid_request", "PAR takes POST");
    }
    DpopChecker.Result proof = dpop.check(r, as.url() + "/oauth/par", asNonce.get(), null);
    if (!proof.ok()) {
      return proofError(proof);
    }
    Map<String, String> p = r.params();
    Map<String, String> client = loopbackClient(p.get("client_id"));
    if (client == null) {
      return oauthError(400, "invalid_client", "the fake knows only the loopback client");
    }
    if (p.containsKey("client_secret") || p.containsKey("request_uri")) {
      return oauthError(400, "invalid_request", "no client_secret or request_uri in PAR");
    }
    if (!redirectAllowed(client, p.get("redirect_uri"))) {
      return oauthError(400, "invalid_request", "redirect_uri is not registered for the client");
    }
    if (!"code".equals(p.get("response_type"))) {
      return oauthError(400, "unsupported_response_type", "response_type must be code");
    }
    if (!Pkce.METHOD.equals(p.get("code_challenge_method")) || p.get("code_challenge") == null) {
      return oauthError(400, "invalid_request", "PKCE S256 is required");
    }
    String state = p.get("state");
    if (state == null || state.isBlank()) {
      return oauthError(400, "invalid_request", "state is required");
    }
    String scope = p.getOrDefault("scope", "");
    List<String> scopes = List.of(scope.split(" "));
    if (!scopes.contains("atproto")) {
      return oauthError(400, "invalid_scope", "the atproto scope is required");
    }
    if (client.containsKey("scope")
        && !List.of(client.get("scope").split(" ")).containsAll(scopes)) {
      return oauthError(400, "invalid_scope", "scope is more than the client declared");
    }
    String hint = p.get("login_hint");
    Account account =
        hint == null ? null : hint.startsWith("did:") ? byDid.get(hint) : byHandle.get(hint);
    if (account == null) {
      return oauthError(400, "invalid_request", "unknown login_hint");
    }
    String id = PAR_PREFIX + Secrets.random(16);
    pars.put(
        id,
        new Par(
            p.get("client_id"),
            p.get("redirect_uri"),
            p.get("code_challenge"),
            state,
            scope,
            proof.jkt(),
            account));
    return withNonce(FakeResponse.json(201, Map.of("request_uri", id, "expires_in", 299)));
  }

  private FakeResponse authorize(FakeRequest r) {
    Map<String, String> p = r.params();
    String requestUri = p.getOrDefault("request_uri", "");
    Par par = pars.get(requestUri);
    if (par == null || !par.clientId().equals(p.get("client_id"))) {
      return FakeResponse.text(400, "unknown or expired request_uri\n");
    }
    if (!"POST".equals(r.method())) {
      Map<String, String> carry = new LinkedHashMap<>();
      carry.put("client_id", par.clientId());
      carry.put("request_uri", requestUri);
      return Consent.page("Bluesky", par.account().handle(), "/oauth/authorize", carry);
    }
    pars.remove(requestUri);
    Map<String, String> back = new LinkedHashMap<>();
    if ("approve".equals(p.get("decision"))) {
      String code = "cod-" + Secrets.random(16);
      codes.put(code, new Grant(par, clock.instant().plusSeconds(300)));
      back.put("code", code);
    } else {
      back.put("error", "access_denied");
      back.put("error_description", "Access denied");
    }
    back.put("state", par.state());
    back.put("iss", as.url().toString());
    return FakeResponse.redirect(Form.appendQuery(par.redirectUri(), back));
  }

  private FakeResponse token(FakeRequest r) {
    FakeResponse injected = nextToken.getAndSet(null);
    if (injected != null) {
      return injected;
    }
    if (!"POST".equals(r.method())) {
      return oauthError(405, "invalid_request", "the token endpoint takes POST");
    }
    DpopChecker.Result proof = dpop.check(r, as.url() + "/oauth/token", asNonce.get(), null);
    if (!proof.ok()) {
      return proofError(proof);
    }
    if (r.param("client_secret").isPresent() || r.header("authorization") != null) {
      return oauthError(401, "invalid_client", "public clients do not authenticate");
    }
    String clientId = r.param("client_id").orElse("");
    String grantType = r.param("grant_type").orElse("");
    if (grantType.equals("refresh_token")) {
      Issued old = refreshTokens.remove(r.param("refresh_token").orElse(""));
      if (old == null) {
        return oauthError(400, "invalid_grant", "unknown or used refresh token");
      }
      if (!old.clientId().equals(clientId) || !old.jkt().equals(proof.jkt())) {
        return oauthError(400, "invalid_grant", "the refresh token is bound to another client");
      }
      return issue(old.account(), proof.jkt(), clientId, old.scope());
    }
    if (!grantType.equals("authorization_code")) {
      return oauthError(400, "unsupported_grant_type", "unsupported grant_type");
    }
    Grant grant = codes.remove(r.param("code").orElse(""));
    if (grant == null || clock.instant().isAfter(grant.expires())) {
      return oauthError(400, "invalid_grant", "the code is incorrect, expired or used");
    }
    Par par = grant.par();
    if (!par.clientId().equals(clientId)) {
      return oauthError(400, "invalid_grant", "the code was issued to another client");
    }
    if (!par.redirectUri().equals(r.param("redirect_uri").orElse(null))) {
      return oauthError(400, "invalid_grant", "redirect_uri does not match the request");
    }
    String verifier = r.param("code_verifier").orElse("");
    if (!Pkce.challenge(verifier).equals(par.challenge())) {
      return oauthError(400, "invalid_grant", "PKCE verification failed");
    }
    if (!par.jkt().equals(proof.jkt())) {
      return oauthError(400, "invalid_dpop_proof", "the DPoP key is not the one of the request");
    }
    return issue(par.account(), proof.jkt(), clientId, par.scope());
  }

  /**
   * The revocation endpoint (RFC 7009) the metadata names: a public client's {@code client_id}, a
   * DPoP proof as at the token endpoint, and a token of that client, access or refresh, which then
   * works no more; an unknown token is answered 200 (§2.2).
   */
  private FakeResponse revoke(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return oauthError(405, "invalid_request", "the revocation endpoint takes POST");
    }
    DpopChecker.Result proof = dpop.check(r, as.url() + "/oauth/revoke", asNonce.get(), null);
    if (!proof.ok()) {
      return proofError(proof);
    }
    String clientId = r.param("client_id").orElse("");
    String token = r.param("token").orElse("");
    for (Map<String, Issued> kind : List.of(tokens, refreshTokens)) {
      Issued t = kind.get(token);
      if (t != null && !t.clientId().equals(clientId)) {
        return oauthError(400, "invalid_request", "the token was issued to another client");
      }
      if (t != null) {
        kind.remove(token);
      }
    }
    return withNonce(new FakeResponse(200, "application/json", "", List.of()));
  }

  private FakeResponse issue(Account account, String jkt, String clientId, String scope) {
    String access =
        accessTokens.issue(
            as.url().toString(), account.did(), pds.url().toString(), scope, jkt, accessLifetime);
    String refresh = "rt-" + Secrets.random(24);
    Instant expires = clock.instant().plusSeconds(accessLifetime);
    tokens.put(access, new Issued(account, jkt, clientId, scope, expires));
    refreshTokens.put(refresh, new Issued(account, jkt, clientId, scope, null));
    String sub = subOverride.get();
    String granted = scopeOverride.get();
    ObjectNode body = Json.object();
    body.put("access_token", access);
    body.put("token_type", "DPoP");
    body.put("expires_in", accessLifetime);
    body.put("refresh_token", refresh);
    body.put("scope", granted != null ? granted : scope);
    body.put("sub", sub != null ? sub : account.did());
    return withNonce(
        FakeResponse.json(200, body)
            .header("Cache-Control", "no-store")
            .header("Pragma", "no-cache"));
  }

  private FakeResponse proofError(DpopChecker.Result proof) {
    int status = 400;
    if (proof.wantsNonce()) {
      nonceErrors.incrementAndGet();
      status = asNonceStatus.get();
    }
    return oauthError(status, proof.error(), proof.description());
  }

  private FakeResponse oauthError(int status, String error, String description) {
    return withNonce(
        FakeResponse.json(status, Map.of("error", error, "error_description", description)));
  }

  private FakeResponse withNonce(FakeResponse r) {
    return r.header("DPoP-Nonce", asNonce.get());
  }

  /** The user a DPoP-bound access token was issued for, if it is valid. */
  public Optional<String> tokenDid(String accessToken) {
    Issued i = tokens.get(accessToken);
    return i == null ? Optional.empty() : Optional.of(i.account().did());
  }

  @Override
  public void close() {
    as.close();
    pds.close();
    plc.close();
  }
}
