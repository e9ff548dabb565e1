package org.oauthdropins.sites.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.LoginResult;
import org.oauthdropins.engine.oauth2.TokenClient;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.OAuthError;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.dpop.DpopKey;
import org.oauthdropins.internal.dpop.DpopNonces;
import org.oauthdropins.internal.dpop.DpopTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.CodeFlow;
import org.oauthdropins.internal.oauth2.Pkce;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.WebRequest;

/**
 * The atproto OAuth client (atproto specs "OAuth"): a public client that pushes its authorization
 * request (PAR, RFC 9126) with PKCE S256, binds every token to a fresh DPoP key (RFC 9449), and at
 * the callback accepts only the authorization server the account declared ({@code iss}, RFC 9207)
 * and only a token for the account the login started with ({@code sub}).
 */
final class AtprotoOAuth {

  /** The {@code auth} value of a stored OAuth login's extra JSON. */
  static final String AUTH = "oauth";

  private final HttpTransport transport;
  private final Resolver resolver;
  private final Pds pds;
  private final ClientMetadata metadata;
  private final Clock clock;
  private final DpopNonces nonces = new DpopNonces();

  AtprotoOAuth(
      HttpTransport transport, Resolver resolver, Pds pds, ClientMetadata metadata, Clock clock) {
    this.transport = transport;
    this.resolver = resolver;
    this.pds = pds;
    this.metadata = metadata;
    this.clock = clock;
  }

  /** The first leg for a checked handle (or DID): resolve, push the request, keep the key. */
  Authorization authorize(AuthorizeRequest request, String handle) {
    Resolver resolver = this.resolver.within(request.budget());
    String did = handle.startsWith("did:") ? handle : resolver.did(handle);
    Resolver.Identity who = resolver.identity(did);
    Resolver.AuthServer as = resolver.authServer(who.pds());

    String scope = String.join(" ", CodeFlow.scopes(Bluesky.SCOPES, request.scopes()));
    ClientMetadata.refuseLocalhost(request.callbackUrl());
    String redirectUri = request.callbackUrl().toString();
    String clientId = metadata.clientId(request.appUrl(), request.callbackUrl(), scope);

    DpopKey key = DpopKey.generate();
    Pkce pkce = Pkce.create();
    Map<String, String> par = new LinkedHashMap<>();
    par.put(OAuthParameters.CLIENT_ID, clientId);
    par.put(OAuthParameters.RESPONSE_TYPE, "code");
    par.put(OAuthParameters.CODE_CHALLENGE, pkce.challenge());
    par.put(OAuthParameters.CODE_CHALLENGE_METHOD, Pkce.METHOD);
    par.put(OAuthParameters.STATE, request.state());
    par.put(OAuthParameters.REDIRECT_URI, redirectUri);
    par.put(OAuthParameters.SCOPE, scope);
    par.put(OAuthParameters.LOGIN_HINT, handle);
    HttpResult r =
        Pds.send(
            request.within(dpop(key)),
            HttpCall.postForm(as.parEndpoint(), par),
            "authorization server");
    JsonNode body = Resolver.json(parAnswer(r), "the authorization server");
    String requestUri = Json.text(body, OAuthParameters.REQUEST_URI);
    if (requestUri == null) {
      throw new ProviderException("bluesky PAR answer has no request_uri");
    }

    Map<String, String> q = new LinkedHashMap<>();
    q.put(OAuthParameters.CLIENT_ID, clientId);
    q.put(OAuthParameters.REQUEST_URI, requestUri);
    return Authorization.of(
        URI.create(Form.appendQuery(as.authorizationEndpoint().toString(), q)),
        redirectUri,
        new PendingOAuthLogin(
            did,
            who.pds(),
            as.issuer(),
            as.tokenEndpoint(),
            clientId,
            pkce.verifier(),
            key.toJson(),
            who.handle()));
  }

  private static HttpResult parAnswer(HttpResult r) {
    if (r.status() == 200 || r.status() == 201) {
      return r;
    }
    throw Pds.refusal(
        "bluesky refused the authorization request", r, OAuthParameters.ERROR_DESCRIPTION);
  }

  /**
   * The second leg: the callback's checks, the code exchange, the token's checks, the profile.
   *
   * @param kind the entity kind of the stored login, keyed by the account's DID
   * @param site the site name
   */
  LoginResult complete(CallbackRequest request, String kind, String site) {
    WebRequest web = request.web();
    PendingOAuthLogin pending = request.data(PendingOAuthLogin.class);
    // The AS must send iss (atproto requires RFC 9207 support); a missing or foreign one is a
    // mix-up.
    String iss = web.parameter(OAuthParameters.ISS).orElse(null);
    if (!pending.issuer().equals(iss)) {
      throw new BadRequestException(
          "the callback did not come from the user's authorization server");
    }
    Optional<OAuthError> error = OAuthError.in(web);
    if (error.isPresent()) {
      if (error.get().code().equals("access_denied")) {
        return new LoginResult.Declined();
      }
      throw ProviderException.refused("bluesky returned an error", error.get());
    }
    String code =
        web.parameter(OAuthParameters.CODE)
            .filter(c -> !c.isBlank() && c.length() <= 4096)
            .orElseThrow(() -> new BadRequestException("missing code parameter"));
    DpopKey dpopKey = DpopKey.fromJson(pending.dpopKey());
    TokenResponse token =
        tokens(pending.tokenEndpoint(), pending.clientId(), dpopKey)
            .within(request.budget())
            .exchange(code, request.redirectUri(), pending.codeVerifier(), Map.of());
    checkToken(token, pending.did());

    JsonNode profile =
        pds.profile(
            request.within(dpop(dpopKey)),
            request.budget(),
            pending.pds(),
            pending.did(),
            "DPoP " + token.accessToken(),
            pending.handle());
    ObjectNode extra = Json.object();
    extra.put("auth", AUTH);
    extra.put("pds_url", pending.pds().toString());
    extra.put("issuer", pending.issuer());
    extra.put("token_endpoint", pending.tokenEndpoint().toString());
    extra.put("client_id", pending.clientId());
    extra.put("scope", token.scope());
    extra.put("dpop_key", dpopKey.toJson());
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind, pending.did()),
            site,
            new AccessToken.Bearer(token.accessToken()),
            token.refreshToken(),
            expiresAt(token.expiresIn()),
            profile.toString(),
            extra.toString()));
  }

  /** Spends the record's refresh token with the login's DPoP key, and checks the answer. */
  AuthRecord refresh(AuthRecord record) {
    JsonNode extra = Json.parse(record.extraJson());
    TokenResponse token =
        tokens(
                URI.create(Json.text(extra, "token_endpoint")),
                Json.text(extra, "client_id"),
                key(record))
            .refresh(record.refreshToken());
    checkToken(token, record.key().id());
    return token.refreshed(record, clock.instant());
  }

  /** The checks atproto demands of every token response: DPoP, the expected account, atproto. */
  private static void checkToken(TokenResponse token, String did) {
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

  /** Whether a stored login came from atproto OAuth rather than an app password. */
  static boolean isOAuth(AuthRecord record) {
    return AUTH.equals(Json.text(Json.parse(record.extraJson()), "auth"));
  }

  /**
   * How requests to the user's PDS go for a stored login: with a proof of the login's key. A store
   * in the Python library's layout reads the key from Python's {@code dpop_token}; an OAuth login
   * stored without one loads, and its calls fail at the PDS until the user logs in again.
   */
  Optional<HttpTransport> apiTransport(AuthRecord record) {
    boolean hasKey = Json.text(Json.parse(record.extraJson()), "dpop_key") != null;
    return isOAuth(record) && hasKey ? Optional.of(dpop(key(record))) : Optional.empty();
  }

  private static DpopKey key(AuthRecord record) {
    return DpopKey.fromJson(Json.text(Json.parse(record.extraJson()), "dpop_key"));
  }

  private DpopTransport dpop(DpopKey key) {
    return new DpopTransport(transport, key, nonces, clock);
  }

  private TokenClient tokens(URI tokenEndpoint, String clientId, DpopKey key) {
    return TokenClient.publicClient("bluesky", tokenEndpoint, clientId, dpop(key));
  }

  private Instant expiresAt(Long expiresIn) {
    return expiresIn == null ? null : clock.instant().plusSeconds(expiresIn);
  }
}
