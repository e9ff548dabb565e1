package org.oauthdropins.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.AccessToken;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.BadRequestException;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.Key;
import org.oauthdropins.LoginListener;
import org.oauthdropins.LoginResult;
import org.oauthdropins.ProviderException;
import org.oauthdropins.Site;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.dpop.DpopKey;
import org.oauthdropins.dpop.DpopNonces;
import org.oauthdropins.dpop.DpopTransport;
import org.oauthdropins.http.Form;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.http.Json;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.oauth2.ClientAuth;
import org.oauthdropins.oauth2.Pkce;
import org.oauthdropins.oauth2.TokenClient;
import org.oauthdropins.oauth2.TokenResponse;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.WebRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bluesky and every other atproto server: atproto OAuth (a public client with PAR, PKCE S256 and
 * DPoP, atproto specs "OAuth"), and the legacy app-password login ({@link #passwordLogin}).
 *
 * <p>The start form carries the user's {@code handle}. The library resolves it to a DID, the DID to
 * its PDS, and the PDS to its authorization server, each step through the SSRF guard ({@link
 * GuardedTransport#of} the app's {@link SiteOptions#transport()}) and {@link UserUrls}. The client
 * is identified by its client metadata document, which the app serves at {@code
 * <origin>/bluesky/client-metadata.json} from {@link #clientMetadata(URI)}.
 *
 * <p>An app served on loopback ({@code http://127.0.0.1:PORT}) is the atproto loopback client
 * ({@code client_id http://localhost?redirect_uri=...&scope=...}); atproto servers accept it for
 * development. RFC 8252 §7.3 has loopback clients use the IP literal rather than {@code localhost},
 * and atproto servers refuse {@code localhost} redirect URIs, so an app opened at {@code
 * http://localhost:PORT} must move the browser to {@code http://127.0.0.1:PORT} before the login
 * starts ({@link #loopbackOrigin}); the browser binding cookie is then set on the origin the
 * callback returns to.
 *
 * <p>Development mode, off unless the app turns it on, lets an app log in against a PDS on the
 * developer's machine: plain http and loopback addresses for the PDS, authorization server and PLC
 * directory, and handle resolution through the development PDS. Through {@link SiteOptions} it is
 * turned on by the one base URL {@code dev_pds}. DID documents then come from that PDS ({@code
 * com.atproto.repo.describeRepo}), so they are resolved by whatever PLC directory the PDS itself
 * uses; a base {@code plc} names one explicitly. Forgetting it never falls back to the production
 * directory.
 *
 * <p>The profile ({@code app.bsky.actor.getProfile}) decorates a login; the token's {@code sub} (or
 * the session's DID) already proves who logged in. When the PDS cannot answer it (its AppView is
 * elsewhere or unreachable) the login still succeeds with the DID and handle that the PDS knows
 * ({@code com.atproto.repo.describeRepo}) or that the DID document claims. The PDS proxies it to
 * the AppView of its own choosing unless the app names one ({@link Builder#appView}, base {@code
 * appview}).
 */
public final class Bluesky implements Site<BlueskyAuth> {

  /** The real PLC directory. */
  public static final String PLC_DIRECTORY = "https://plc.directory";

  /** Where the app serves {@link #clientMetadata(URI)}, by default. */
  public static final String METADATA_PATH = "/bluesky/client-metadata.json";

  /** Where the app mounts the callback, by default. */
  public static final String CALLBACK_PATH = "/bluesky/oauth_callback";

  /** The scopes every login asks for. */
  public static final List<String> SCOPES = List.of("atproto", "transition:generic");

  /** Bluesky's own AppView, for {@link Builder#appView}. */
  public static final String BLUESKY_APPVIEW = "did:web:api.bsky.app#bsky_appview";

  private static final Logger LOG = LoggerFactory.getLogger(Bluesky.class);

  /** Lists Bluesky for apps and the demo. A public client: there are no credentials. */
  public static final SiteFactory FACTORY = new SiteFactory("bluesky", null, null, Bluesky::create);

  private static final String OAUTH = "oauth";
  private static final String PASSWORD = "password";

  private final LoginListener listener;
  private final HttpTransport transport;
  private final Resolver resolver;
  private final boolean devMode;
  private final String appView;
  private final String clientName;
  private final String metadataPath;
  private final String callbackPath;
  private final DpopNonces nonces = new DpopNonces();
  private final Clock clock;

  private Bluesky(Builder b) {
    this.listener = b.listener;
    this.devMode = b.devMode;
    this.transport = guard(b.transport, devMode);
    URI plc = b.plc != null || b.devPds != null ? b.plc : URI.create(PLC_DIRECTORY);
    if (plc != null && !devMode && !"https".equals(plc.getScheme())) {
      throw new IllegalArgumentException(
          "the PLC directory must be https outside development mode");
    }
    this.resolver = new Resolver(transport, plc, b.txt, b.devPds, b.devMode);
    this.appView = b.appView;
    this.clientName = b.clientName;
    this.metadataPath = b.metadataPath;
    this.callbackPath = b.callbackPath;
    this.clock = b.clock;
  }

  /**
   * Everything a handle leads to is fetched through the SSRF guard: the app's own guard, or one
   * made from its plain transport, which in development mode may reach http and loopback (the PDS
   * on the developer's machine) and nothing else that is private.
   */
  private static HttpTransport guard(HttpTransport t, boolean devMode) {
    if (devMode && t instanceof JdkTransport j) {
      return new GuardedTransport(GuardPolicy.LOCAL_DEVELOPMENT, j.limits());
    }
    return GuardedTransport.of(t);
  }

  /**
   * Bluesky with the given options: transport, bases {@code dev_pds} (development mode against that
   * PDS), {@code plc} (a PLC directory other than the production one, or than the development
   * PDS's) and {@code appview} (an AppView service reference such as {@value #BLUESKY_APPVIEW}).
   */
  public static Bluesky create(SiteOptions o) {
    return builder(o).build();
  }

  /** A builder that starts from the given options. */
  public static Builder builder(SiteOptions o) {
    Builder b = new Builder(o.transport()).listener(o.listener());
    if (o.bases().containsKey("plc") || o.bases().containsKey("*")) {
      b.plcDirectory(o.url("plc", PLC_DIRECTORY, ""));
    }
    URI dev = o.bases().get("dev_pds");
    if (dev != null) {
      b.devMode(dev);
    }
    URI view = o.bases().get("appview");
    if (view != null) {
      b.appView(view.toString());
    }
    return b;
  }

  @Override
  public LoginListener listener() {
    return listener;
  }

  @Override
  public String name() {
    return "bluesky";
  }

  @Override
  public String kind() {
    return "BlueskyAuth";
  }

  @Override
  public Button button() {
    return new Button("Sign in with Bluesky", "#1185fe", "#ffffff", "handle", "Bluesky handle");
  }

  /** Whether development mode is on. */
  public boolean devMode() {
    return devMode;
  }

  /**
   * Where the browser must go before a login starts, for a request to {@code http://localhost}: the
   * same URL on {@code 127.0.0.1}, the origin RFC 8252 §7.3 and atproto servers want for loopback
   * redirect URIs. Apps redirect the GET of the page that shows the Bluesky form there, so that the
   * form posts, the binding cookie is set and the callback returns all on one origin. Empty for any
   * other request.
   */
  public static Optional<URI> loopbackOrigin(WebRequest request) {
    URI u = request.url();
    if (!"http".equals(u.getScheme()) || !"localhost".equalsIgnoreCase(u.getHost())) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new URI(
              "http",
              null,
              "127.0.0.1",
              u.getPort(),
              u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath(),
              u.getQuery(),
              null));
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** The path the app serves {@link #clientMetadata(URI)} at. */
  public String metadataPath() {
    return metadataPath;
  }

  /**
   * The client metadata document (JSON) that the app must serve, with {@code Content-Type:
   * application/json}, at {@code <origin>/bluesky/client-metadata.json}: the client_id URL.
   *
   * @param appUrl the app's public base URL, e.g. {@code https://app.example}
   */
  public String clientMetadata(URI appUrl) {
    String u = appUrl.toString();
    String o = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    ObjectNode m = Json.object();
    m.put("client_id", o + metadataPath);
    m.put("application_type", "web");
    m.put("client_name", clientName);
    m.put("client_uri", o);
    m.put("dpop_bound_access_tokens", true);
    m.putArray("grant_types").add("authorization_code").add("refresh_token");
    m.putArray("redirect_uris").add(o + callbackPath);
    m.putArray("response_types").add("code");
    m.put("scope", String.join(" ", SCOPES));
    m.put("token_endpoint_auth_method", "none");
    return m.toString();
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    String handle = handle(request.web());
    String did = handle.startsWith("did:") ? handle : resolver.did(handle);
    Resolver.Identity who = resolver.identity(did);
    Resolver.AuthServer as = resolver.authServer(who.pds());

    List<String> scopes = new ArrayList<>(SCOPES);
    request.scopes().stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
    String scope = String.join(" ", scopes);
    refuseLocalhost(request.callbackUrl());
    String redirectUri = request.callbackUrl().toString();
    String clientId = clientId(request.appUrl(), request.callbackUrl(), scope);

    DpopKey key = DpopKey.generate();
    Pkce pkce = Pkce.create();
    Map<String, String> par = new LinkedHashMap<>();
    par.put("client_id", clientId);
    par.put("response_type", "code");
    par.put("code_challenge", pkce.challenge());
    par.put("code_challenge_method", Pkce.METHOD);
    par.put("state", request.state());
    par.put("redirect_uri", redirectUri);
    par.put("scope", scope);
    par.put("login_hint", handle);
    HttpResult r =
        send(dpop(key), HttpCall.postForm(as.parEndpoint(), par), "authorization server");
    JsonNode body = Resolver.json(parAnswer(r), "the authorization server");
    String requestUri = Json.text(body, "request_uri");
    if (requestUri == null) {
      throw new ProviderException("bluesky PAR answer has no request_uri");
    }

    Map<String, String> q = new LinkedHashMap<>();
    q.put("client_id", clientId);
    q.put("request_uri", requestUri);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("did", did);
    data.put("pds", who.pds().toString());
    data.put("issuer", as.issuer());
    data.put("token_endpoint", as.tokenEndpoint().toString());
    data.put("client_id", clientId);
    data.put("code_verifier", pkce.verifier());
    data.put("dpop_key", key.toJson());
    if (who.handle() != null) {
      data.put("handle", who.handle());
    }
    return new Authorization(
        URI.create(Form.appendQuery(as.authorizationEndpoint().toString(), q)), redirectUri, data);
  }

  private HttpResult parAnswer(HttpResult r) {
    if (r.status() == 200 || r.status() == 201) {
      return r;
    }
    throw refusal("bluesky refused the authorization request", r, "error_description");
  }

  /**
   * A refusal with the server's reason: an OAuth {@code error_description} or an XRPC {@code
   * message}. A {@code localhost} redirect URI, for one, is refused only with a description.
   */
  private static ProviderException refusal(String what, HttpResult r, String descriptionField) {
    String error = null;
    String description = null;
    try {
      JsonNode body = r.json();
      error = Json.text(body, "error");
      description = Json.text(body, descriptionField);
    } catch (IllegalArgumentException e) {
      // not JSON: reported by status
    }
    return ProviderException.answered(what, error, description, r.status());
  }

  /** The user's input: a handle (or a DID), normalized and checked. */
  private String handle(WebRequest web) {
    String input =
        web.parameter("handle")
            .filter(s -> !s.isBlank())
            .orElseThrow(() -> new BadRequestException("missing handle"));
    if (input.length() > 300) {
      throw new BadRequestException("that is not a Bluesky handle");
    }
    String handle = Handles.normalize(input);
    if (handle.startsWith("did:")) {
      if (!Handles.validDid(handle)) {
        throw new BadRequestException("that is not a usable DID");
      }
      return handle;
    }
    if (!Handles.valid(handle, devMode)) {
      throw new BadRequestException(
          "\""
              + ProviderException.clean(handle)
              + "\" doesn't look like a Bluesky handle (e.g. alice.bsky.social)");
    }
    return handle;
  }

  /**
   * The client_id: the metadata URL on the app's origin, or for an app on a loopback origin the
   * atproto loopback client, which carries its redirect URI and scope in its query.
   */
  private String clientId(URI app, URI callback, String scope) {
    if ("http".equals(callback.getScheme()) && loopback(callback.getHost())) {
      // An app on loopback cannot serve a client metadata document that the server can fetch;
      // the loopback client exists for exactly this case, so it needs no development mode.
      Map<String, String> q = new LinkedHashMap<>();
      q.put("redirect_uri", callback.toString());
      q.put("scope", scope);
      return Form.appendQuery("http://localhost", q);
    }
    if (!"https".equals(callback.getScheme())) {
      throw new ProviderException("bluesky needs the app to be served over https");
    }
    return app + metadataPath;
  }

  private static boolean loopback(String host) {
    return "127.0.0.1".equals(host) || "[::1]".equals(host) || "localhost".equals(host);
  }

  /** What the user should do instead of a redirect URI that every atproto server refuses. */
  private static void refuseLocalhost(URI callback) {
    if ("http".equals(callback.getScheme()) && "localhost".equalsIgnoreCase(callback.getHost())) {
      throw new BadRequestException(
          "atproto servers refuse localhost redirect URIs (RFC 8252 7.3): open this app at http://"
              + "127.0.0.1"
              + (callback.getPort() == -1 ? "" : ":" + callback.getPort())
              + "/ instead");
    }
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    WebRequest web = request.web();
    String issuer = request.datum("issuer");
    // The AS must send iss (atproto requires RFC 9207 support); a missing or foreign one is a
    // mix-up.
    String iss = web.parameter("iss").orElse(null);
    if (!issuer.equals(iss)) {
      throw new BadRequestException(
          "the callback did not come from the user's authorization server");
    }
    Optional<String> error = web.parameter("error");
    if (error.isPresent()) {
      if (error.get().equals("access_denied")) {
        return new LoginResult.Declined();
      }
      throw ProviderException.answered(
          "bluesky returned an error",
          error.get(),
          web.parameter("error_description").orElse(null),
          502);
    }
    String code =
        web.parameter("code")
            .filter(c -> !c.isBlank() && c.length() <= 4096)
            .orElseThrow(() -> new BadRequestException("missing code parameter"));
    DpopKey key = DpopKey.fromJson(request.datum("dpop_key"));
    String did = request.datum("did");
    TokenClient tokens = tokens(request.datum("token_endpoint"), request.datum("client_id"), key);
    TokenResponse token =
        tokens.exchange(code, request.redirectUri(), request.datum("code_verifier"), Map.of());
    checkToken(token, did);

    URI pds = URI.create(request.datum("pds"));
    JsonNode profile =
        profile(dpop(key), pds, did, "DPoP " + token.accessToken(), request.data().get("handle"));
    ObjectNode extra = Json.object();
    extra.put("auth", OAUTH);
    extra.put("pds_url", pds.toString());
    extra.put("issuer", issuer);
    extra.put("token_endpoint", request.datum("token_endpoint"));
    extra.put("client_id", request.datum("client_id"));
    extra.put("scope", token.scope());
    extra.put("dpop_key", key.toJson());
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind(), did),
            name(),
            new AccessToken.Bearer(token.accessToken()),
            token.refreshToken(),
            expiresAt(token.expiresIn()),
            profile.toString(),
            extra.toString()));
  }

  /** The checks atproto demands of every token response: DPoP, the expected account, atproto. */
  private void checkToken(TokenResponse token, String did) {
    if (!"dpop".equals(token.tokenType())) {
      throw new ProviderException("bluesky issued a token of type " + token.tokenType());
    }
    String sub = Json.text(token.json(), "sub");
    if (!did.equals(sub)) {
      throw new ProviderException("bluesky logged in another account than the one that started");
    }
    if (!Resolver.scopes(token.scope()).contains("atproto")) {
      throw new ProviderException("bluesky granted no atproto scope");
    }
  }

  /**
   * The account's profile for {@code userJson}, as an {@code
   * app.bsky.actor.defs#profileViewDetailed}. Never fails: the login is already proven, and a PDS
   * whose AppView is elsewhere, unreachable or absent must not stop it. Without the profile, the
   * PDS's own {@code describeRepo} (public) gives the handle, and failing that the DID document's
   * claim, or none.
   */
  private JsonNode profile(
      HttpTransport t, URI pds, String did, String authorization, String claimedHandle) {
    ObjectNode typed = Json.object();
    typed.put("$type", "app.bsky.actor.defs#profileViewDetailed");
    try {
      typed.setAll(getProfile(t, pds, did, authorization));
      return typed;
    } catch (ProviderException | BadRequestException e) {
      LOG.info("bluesky profile of {} unavailable, using its repo: {}", did, e.getMessage());
    }
    typed.put("did", did);
    String handle = claimedHandle;
    try {
      URI url =
          URI.create(
              pds + "/xrpc/com.atproto.repo.describeRepo?" + Form.encode(Map.of("repo", did)));
      JsonNode repo = Resolver.json(send(transport, HttpCall.get(url), "PDS"), "the PDS");
      if (did.equals(Json.text(repo, "did")) && Json.text(repo, "handle") != null) {
        handle = Json.text(repo, "handle");
      }
    } catch (ProviderException | BadRequestException e) {
      LOG.info("bluesky repo of {} undescribed: {}", did, e.getMessage());
    }
    if (handle != null) {
      typed.put("handle", handle);
    }
    return typed;
  }

  private ObjectNode getProfile(HttpTransport t, URI pds, String did, String authorization) {
    URI url =
        URI.create(pds + "/xrpc/app.bsky.actor.getProfile?" + Form.encode(Map.of("actor", did)));
    HttpCall call =
        HttpCall.get(url)
            .header("Authorization", authorization)
            .header("Accept", "application/json");
    if (appView != null) {
      call = call.header("atproto-proxy", appView);
    }
    JsonNode profile = Resolver.json(send(t, call, "PDS"), "the PDS");
    if (!did.equals(Json.text(profile, "did"))) {
      throw new ProviderException("bluesky profile is of another account");
    }
    return (ObjectNode) profile;
  }

  /**
   * The legacy login with an app password ({@code com.atproto.server.createSession}): resolves the
   * handle to its PDS, logs in, fetches the profile and stores the session. The password is sent to
   * the user's PDS only and never stored; the stored session tokens refresh themselves.
   *
   * @param identifier the user's handle (or DID)
   * @param password an app password
   * @param store where the login is stored
   * @return the stored login
   * @throws BadRequestException if the handle is unusable or the password is wrong
   * @throws ProviderException if the PDS fails
   */
  public BlueskyAuth passwordLogin(String identifier, String password, AuthStore store) {
    String handle = handle(new InputOnly(identifier));
    if (password == null || password.isBlank()) {
      throw new BadRequestException("missing app password");
    }
    String did = handle.startsWith("did:") ? handle : resolver.did(handle);
    Resolver.Identity who = resolver.identity(did);
    URI pds = who.pds();
    HttpResult r =
        send(
            transport,
            HttpCall.postJson(
                URI.create(pds + "/xrpc/com.atproto.server.createSession"),
                Map.of("identifier", handle, "password", password.strip())),
            "PDS");
    if (r.status() == 401 || r.status() == 400) {
      throw new BadRequestException(
          refusal("bluesky refused the login", r, "message").getMessage());
    }
    JsonNode session = Resolver.json(r, "the PDS");
    String access = Json.text(session, "accessJwt");
    String refresh = Json.text(session, "refreshJwt");
    if (access == null || refresh == null || !did.equals(Json.text(session, "did"))) {
      throw new ProviderException("bluesky createSession answered no session for " + did);
    }
    JsonNode profile = profile(transport, pds, did, "Bearer " + access, who.handle());
    ObjectNode extra = Json.object();
    extra.put("auth", PASSWORD);
    extra.put("pds_url", pds.toString());
    AuthRecord stored =
        store.put(
            AuthRecord.of(
                new Key(kind(), did),
                name(),
                new AccessToken.Bearer(access),
                refresh,
                null,
                profile.toString(),
                extra.toString()));
    return entity(stored, store);
  }

  @Override
  public BlueskyAuth entity(AuthRecord record, AuthStore store) {
    return new BlueskyAuth(this, record, store, apiTransport(record));
  }

  /**
   * Requests to the user's PDS carry a proof of the login's key, for OAuth logins. An OAuth login
   * that the Python library stored has no key Java can read (Python does not store it with the
   * token); it loads, and its calls fail at the PDS until the user logs in through Java.
   */
  private HttpTransport apiTransport(AuthRecord record) {
    boolean hasKey = Json.text(Json.parse(record.extraJson()), "dpop_key") != null;
    return isOAuth(record) && hasKey ? dpop(key(record)) : transport;
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    if (!(record.token() instanceof AccessToken.Bearer t)) {
      throw new IllegalStateException("no token stored for " + record.key());
    }
    return call.header("Authorization", (isOAuth(record) ? "DPoP " : "Bearer ") + t.value());
  }

  /**
   * Spends the single-use refresh token for new tokens. Bluesky rotates refresh tokens, so the
   * caller must store the answer at once ({@link AuthEntity} does, and serializes refreshes).
   */
  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    if (record.refreshToken() == null) {
      return Optional.empty();
    }
    JsonNode extra = Json.parse(record.extraJson());
    if (isOAuth(record)) {
      TokenResponse token =
          tokens(Json.text(extra, "token_endpoint"), Json.text(extra, "client_id"), key(record))
              .refresh(record.refreshToken());
      checkToken(token, record.key().id());
      String refresh = token.refreshToken() != null ? token.refreshToken() : record.refreshToken();
      return Optional.of(
          record.withTokens(
              new AccessToken.Bearer(token.accessToken()), refresh, expiresAt(token.expiresIn())));
    }
    URI url = URI.create(Json.text(extra, "pds_url") + "/xrpc/com.atproto.server.refreshSession");
    HttpCall call =
        new HttpCall("POST", url, List.of(), null)
            .header("Authorization", "Bearer " + record.refreshToken());
    HttpResult r = send(transport, call, "PDS");
    if (!r.ok()) {
      throw new ProviderException("bluesky refused to refresh the session: HTTP " + r.status());
    }
    JsonNode session = Resolver.json(r, "the PDS");
    String access = Json.text(session, "accessJwt");
    String refresh = Json.text(session, "refreshJwt");
    if (access == null || refresh == null) {
      throw new ProviderException("bluesky refreshSession answered no session");
    }
    return Optional.of(record.withTokens(new AccessToken.Bearer(access), refresh, null));
  }

  static boolean isOAuth(AuthRecord record) {
    return OAUTH.equals(Json.text(Json.parse(record.extraJson()), "auth"));
  }

  private static DpopKey key(AuthRecord record) {
    return DpopKey.fromJson(Json.text(Json.parse(record.extraJson()), "dpop_key"));
  }

  private DpopTransport dpop(DpopKey key) {
    return new DpopTransport(transport, key, nonces, clock);
  }

  private TokenClient tokens(String tokenEndpoint, String clientId, DpopKey key) {
    return new TokenClient(
        "bluesky",
        URI.create(tokenEndpoint),
        new Credentials(clientId, ""),
        ClientAuth.NONE,
        dpop(key));
  }

  private Instant expiresAt(Long expiresIn) {
    return expiresIn == null ? null : clock.instant().plusSeconds(expiresIn);
  }

  private static HttpResult send(HttpTransport t, HttpCall call, String who) {
    try {
      return t.send(call);
    } catch (UnsafeUrlException e) {
      throw Resolver.refused("bluesky " + who, e);
    } catch (IOException e) {
      throw new ProviderException("bluesky " + who + " could not be reached: " + e.getMessage(), e);
    }
  }

  /** A request that carries only a handle, for the password login. */
  private record InputOnly(String handle) implements WebRequest {
    @Override
    public URI url() {
      return URI.create("http://localhost/");
    }

    @Override
    public String method() {
      return "POST";
    }

    @Override
    public Optional<String> header(String name) {
      return Optional.empty();
    }

    @Override
    public Optional<String> parameter(String name) {
      return "handle".equals(name) ? Optional.ofNullable(handle) : Optional.empty();
    }

    @Override
    public Optional<String> cookie(String name) {
      return Optional.empty();
    }
  }

  /** Configures {@link Bluesky}. */
  public static final class Builder {
    private final HttpTransport transport;
    private URI plc;
    private TxtResolver txt = TxtResolver.dns();
    private boolean devMode;
    private URI devPds;
    private String appView;
    private String clientName = "oauth-dropins";
    private String metadataPath = METADATA_PATH;
    private String callbackPath = CALLBACK_PATH;
    private Clock clock = Clock.systemUTC();
    private LoginListener listener = LoginListener.NONE;

    private Builder(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Hears the site's login events; see {@link SiteOptions#withListener}. */
    public Builder listener(LoginListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /**
     * The PLC directory that resolves {@code did:plc}: {@value #PLC_DIRECTORY} by default, or in
     * development mode with a PDS ({@link #devMode(URI)}) the one that PDS uses.
     */
    public Builder plcDirectory(URI u) {
      this.plc = URI.create(stripSlash(u.toString()));
      return this;
    }

    /** How DNS TXT records are looked up; the system's DNS by default. */
    public Builder txtResolver(TxtResolver r) {
      this.txt = Objects.requireNonNull(r, "txt");
      return this;
    }

    /** Development mode on or off (off by default), with the usual handle resolution. */
    public Builder devMode(boolean on) {
      this.devMode = on;
      if (!on) {
        this.devPds = null;
      }
      return this;
    }

    /** Development mode, resolving handles through this PDS's {@code resolveHandle}. */
    public Builder devMode(URI pds) {
      this.devMode = true;
      this.devPds = URI.create(stripSlash(pds.toString()));
      return this;
    }

    /**
     * The AppView the PDS proxies {@code app.bsky.actor.getProfile} to ({@code atproto-proxy}),
     * e.g. {@value #BLUESKY_APPVIEW}; by default none is named and the PDS uses its own.
     */
    public Builder appView(String serviceRef) {
      this.appView = serviceRef;
      return this;
    }

    /** The {@code client_name} of the client metadata. */
    public Builder clientName(String name) {
      this.clientName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Where the app serves the client metadata; {@value #METADATA_PATH} by default. */
    public Builder metadataPath(String path) {
      this.metadataPath = path;
      return this;
    }

    /** Where the app mounts the callback; {@value #CALLBACK_PATH} by default. */
    public Builder callbackPath(String path) {
      this.callbackPath = path;
      return this;
    }

    /** The clock, for DPoP proofs and token expiry. */
    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    /** The site with these settings. */
    public Bluesky build() {
      return new Bluesky(this);
    }

    private static String stripSlash(String s) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
  }
}
