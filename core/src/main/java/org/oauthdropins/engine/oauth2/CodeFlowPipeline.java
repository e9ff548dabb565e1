package org.oauthdropins.engine.oauth2;

import static org.oauthdropins.internal.OAuthParameters.CLIENT_ID;
import static org.oauthdropins.internal.OAuthParameters.CODE;
import static org.oauthdropins.internal.OAuthParameters.FORM_POST;
import static org.oauthdropins.internal.OAuthParameters.ISS;
import static org.oauthdropins.internal.OAuthParameters.NONCE;
import static org.oauthdropins.internal.OAuthParameters.REQUEST_URI;
import static org.oauthdropins.internal.OAuthParameters.RESPONSE_MODE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.LoginResult;
import org.oauthdropins.Revocation;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.OAuthError;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.dpop.DpopKey;
import org.oauthdropins.internal.dpop.DpopNonces;
import org.oauthdropins.internal.dpop.DpopTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.AuthorizationQuery;
import org.oauthdropins.internal.oauth2.Pkce;
import org.oauthdropins.internal.oauth2.RotationRefused;
import org.oauthdropins.internal.revoke.Revoked;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.WebRequest;

/**
 * The OAuth 2 authorization code flow, written once for every OAuth 2 and OpenID Connect site: it
 * runs an {@link OAuth2Spec}. What differs between sites is a part of the description (where the
 * server and the client come from, which steps run, who the user is), never another copy of the
 * flow.
 *
 * <p>At the start it finds the server and the client, builds the authorization request (PKCE S256,
 * a nonce, {@code form_post}, the site's parameters), pushes it to the server when PAR runs and
 * keeps one pending login. At the callback it checks RFC 9207 {@code iss} (even on errors), reads
 * the code, redeems it (with a DPoP proof when the login has a key), checks the token and asks the
 * identity part who logged in. Refresh and API calls of a stored login use the same server, client
 * and DPoP key. Thread-safe; one per site.
 */
public final class CodeFlowPipeline {

  /** The field of a stored login's extra JSON that holds its DPoP key (a private JWK). */
  public static final String DPOP_KEY = "dpop_key";

  /**
   * The field of a stored login's extra JSON that holds the callback parameters its server wants
   * back with every token request ({@link OAuth2Spec#callbackParams}), as an object by name.
   */
  public static final String CALLBACK_PARAMS = "callback_params";

  /** The longest value of a callback parameter the server wants back. */
  private static final int MAX_CALLBACK_PARAM = 1024;

  /** The longest authorization code taken from a callback. */
  private static final int MAX_CODE = 4096;

  private final OAuth2Spec spec;
  private final HttpTransport transport;
  private final Clock clock;
  private final DpopNonces nonces = new DpopNonces();

  /**
   * @param spec what the site is
   * @param transport how the site is reached (with the site's fixed headers)
   * @param clock the clock for expiry and DPoP proofs
   */
  public CodeFlowPipeline(OAuth2Spec spec, HttpTransport transport, Clock clock) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The description this pipeline runs. */
  public OAuth2Spec spec() {
    return spec;
  }

  /**
   * What a login keeps between the authorization request and the callback; null components are left
   * out of the store. A plain site keeps only {@code code_verifier} and {@code nonce}, as before
   * the pipeline.
   */
  record Pending(
      String codeVerifier,
      String nonce,
      String dpopKey,
      String clientId,
      String clientAuth,
      String clientSecret,
      URI authorizationEndpoint,
      URI tokenEndpoint,
      URI parEndpoint,
      String issuer,
      Boolean issuerRequired,
      Boolean parRequired,
      String serverFacts) {
    /** The pending login of a site with a fixed server and client and no DPoP. */
    Pending(String codeVerifier, String nonce) {
      this(codeVerifier, nonce, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public String toString() {
      return "Pending[codeVerifier="
          + (codeVerifier != null)
          + ", nonce="
          + (nonce != null)
          + ", dpopKey="
          + (dpopKey != null)
          + ", client="
          + clientId
          + "]";
    }
  }

  /**
   * Starts a login: finds the server and the client, builds the authorization request, pushes it
   * when PAR runs, and keeps the pending login.
   *
   * @throws BadRequestException if the user's input is unusable
   * @throws ProviderException if the server cannot be found or refuses the pushed request
   */
  public Authorization authorize(AuthorizeRequest request) {
    HttpTransport net = transport(request.budget());
    Server server = spec.servers().find(request, net);
    Client client = spec.clients().client(request, server, net);
    String redirectUri = request.callbackUrl().toString();
    List<String> scopes = scopes(spec.defaultScopes(), request.scopes());

    Steps steps = spec.steps();
    Pkce pkce = steps.pkce() && server.fact(Server.NO_PKCE) == null ? Pkce.create() : null;
    String verifier = pkce == null ? null : pkce.verifier();
    Map<String, String> q =
        AuthorizationQuery.of(
            client.clientId(),
            redirectUri,
            request.state(),
            String.join(spec.scopeSeparator(), scopes),
            pkce);
    String nonce = null;
    if (steps.nonce()) {
      nonce = Secrets.random(24);
      q.put(NONCE, nonce);
    }
    if (steps.formPost()) {
      q.put(RESPONSE_MODE, FORM_POST);
    }
    q.putAll(spec.authorizeParams());
    spec.servers().authorizeParams(server).forEach(q::putIfAbsent);
    spec.scopeParams().forScopes(scopes).forEach(q::putIfAbsent);

    DpopKey key = steps.dpop() == Steps.When.ALWAYS ? DpopKey.generate() : null;
    URI location;
    if (pushes(server)) {
      String requestUri =
          tokens(server.parEndpoint(), client, key == null ? net : dpop(key, net))
              .push(server.parEndpoint(), q);
      Map<String, String> browser = new LinkedHashMap<>();
      browser.put(CLIENT_ID, client.clientId());
      browser.put(REQUEST_URI, requestUri);
      location = authorizationUrl(server.authorizationEndpoint(), browser);
    } else {
      location = authorizationUrl(server.authorizationEndpoint(), q);
    }
    return Authorization.of(location, redirectUri, pending(verifier, nonce, key, client, server));
  }

  /** Whether this login's request goes by PAR (RFC 9126). */
  private boolean pushes(Server server) {
    Steps.When par = spec.steps().par();
    if (par == Steps.When.ALWAYS && server.parEndpoint() == null) {
      // The app asked for PAR: a server without the endpoint must not quietly get the request in
      // the browser's address bar instead.
      throw new ProviderException(
          spec.site()
              + " was asked to push its authorization requests, but its server has no pushed"
              + " authorization request endpoint");
    }
    if (server.parEndpoint() == null || par == Steps.When.NEVER) {
      if (server.parRequired() && par == Steps.When.NEVER) {
        throw new ProviderException(
            spec.site()
                + " takes only pushed authorization requests, which this site does not send");
      }
      return false;
    }
    return par == Steps.When.ALWAYS || server.parRequired();
  }

  private Pending pending(String verifier, String nonce, DpopKey key, Client client, Server s) {
    boolean keepClient = spec.clients().perLogin();
    boolean keepServer = spec.servers().perLogin();
    String secret = null;
    if (keepClient && client.auth() != ClientAuth.NONE) {
      secret = client.secret().current();
    }
    String facts = null;
    if (keepServer && !s.facts().isEmpty()) {
      ObjectNode f = Json.object();
      s.facts().forEach(f::put);
      facts = f.toString();
    }
    return new Pending(
        verifier,
        nonce,
        key == null ? null : key.toJson(),
        keepClient ? client.clientId() : null,
        keepClient ? client.auth().name() : null,
        secret,
        keepServer ? s.authorizationEndpoint() : null,
        keepServer ? s.tokenEndpoint() : null,
        keepServer ? s.parEndpoint() : null,
        keepServer ? s.issuer() : null,
        keepServer ? s.issuerRequired() : null,
        keepServer ? s.parRequired() : null,
        facts);
  }

  /**
   * Finishes a login at the callback.
   *
   * @return the stored login, or {@link LoginResult.Declined} if the user said no
   * @throws BadRequestException if the callback is not a usable answer to this login
   * @throws ProviderException if the server refuses, or answers what is not for this login
   */
  public LoginResult complete(CallbackRequest request) {
    Pending pending = request.data(Pending.class);
    HttpTransport net = transport(request.budget());
    Server server = server(pending, request, net);
    Optional<String> callbackCode =
        code(spec.site(), request.web(), server.issuer(), server.issuerRequired(), spec.declined());
    if (callbackCode.isEmpty()) {
      return new LoginResult.Declined();
    }
    String code = spec.lifecycle().code(callbackCode.get());
    if (code.isBlank()) {
      throw new BadRequestException("missing code parameter");
    }
    Map<String, String> kept = callbackParams(request.web());
    Client client = client(pending);
    DpopKey key = pending.dpopKey() == null ? null : DpopKey.fromJson(pending.dpopKey());
    HttpTransport login = key == null ? net : dpop(key, net);
    TokenClient tokens = tokens(redeemsAt(server), client, login).withParams(kept);
    TokenResponse token;
    try {
      token = exchange(tokens, server, code, request, pending);
    } catch (ProviderException e) {
      if (key != null || spec.steps().dpop() != Steps.When.IF_REQUIRED || !asksForDpop(e, server)) {
        throw spec.clients().refused(client, server, e, request.store());
      }
      // The server requires DPoP of this client, which nothing before the exchange could say
      // (dpop_bound_access_tokens is the client's registration, RFC 9449 §5.2): once more with a
      // proof of a new key, which the login then keeps.
      key = DpopKey.generate();
      login = dpop(key, net);
      tokens = tokens(redeemsAt(server), client, login).withParams(kept);
      try {
        token = exchange(tokens, server, code, request, pending);
      } catch (ProviderException again) {
        throw spec.clients().refused(client, server, again, request.store());
      }
    }
    token = tokenType(spec.site(), key != null, spec.lifecycle().afterExchange(token, tokens));
    spec.tokenCheck().check(token, pending.nonce(), request.budget());
    Identity.Who who;
    try {
      who = spec.identity().who(new Identity.Exchanged(token, server, client, login, request));
    } catch (IOException e) {
      throw ProviderException.unreachable(spec.site() + " profile endpoint", e);
    }
    String extra = extra(who.extra(), key, client, server, kept);
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(spec.kind(), who.id()),
            spec.site(),
            token.accessToken() == null ? null : new AccessToken.Bearer(token.accessToken()),
            token.refreshToken(),
            token.expiresAt(clock.instant(), spec.lifecycle().renewMargin()),
            who.profile().toString(),
            extra));
  }

  private TokenResponse exchange(
      TokenClient tokens, Server server, String code, CallbackRequest request, Pending pending) {
    if (server.tokenEndpoint() == null) {
      // Redeemed for the profile alone, at the authorization endpoint (see redeemsAt).
      return tokens.redeemForProfile(code, request.redirectUri(), pending.codeVerifier());
    }
    return tokens.exchange(code, request.redirectUri(), pending.codeVerifier(), spec.tokenParams());
  }

  /**
   * The stored extra JSON: the identity's document as it is, then what the pipeline must find again
   * at refresh and on API calls (what the sources remember, the DPoP key), each only where the
   * document does not already hold it. Null where there is nothing, as before the pipeline.
   */
  private String extra(
      JsonNode fromIdentity, DpopKey key, Client client, Server server, Map<String, String> kept) {
    ObjectNode own = Json.object();
    if (!kept.isEmpty()) {
      ObjectNode params = own.putObject(CALLBACK_PARAMS);
      kept.forEach(params::put);
    }
    if (spec.servers().perLogin()) {
      spec.servers().remember(server, own);
    }
    if (spec.clients().perLogin()) {
      spec.clients().remember(client, own);
    }
    if (key != null) {
      own.put(DPOP_KEY, key.toJson());
    }
    if (own.isEmpty()) {
      return fromIdentity == null ? null : fromIdentity.toString();
    }
    if (fromIdentity != null && !fromIdentity.isObject()) {
      throw new IllegalStateException(spec.site() + ": extra data must be a JSON object");
    }
    ObjectNode all = fromIdentity == null ? Json.object() : ((ObjectNode) fromIdentity).deepCopy();
    for (Map.Entry<String, JsonNode> f : own.properties()) {
      if (!all.has(f.getKey())) {
        all.set(f.getKey(), f.getValue());
      }
    }
    return all.toString();
  }

  /**
   * Renews a stored login with the server and client it was made with, and its DPoP key.
   *
   * @return the renewed login, or empty if it cannot be renewed
   * @throws ProviderException if the server refuses or answers about another login
   */
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    // All of a refresh's fetches within one budget, as a callback's: a refresh then takes at most
    // the transport's budget, which is how long the fleet's refresh lease lasts.
    HttpTransport net = transport(FetchBudget.begin());
    Optional<Server> server = spec.servers().of(record, net);
    // A login redeemed for the profile alone (no token endpoint) has no token to renew.
    if (server.isEmpty() || server.get().tokenEndpoint() == null) {
      return Optional.empty();
    }
    Optional<Client> client = spec.clients().of(record, server.get(), store);
    if (client.isEmpty()) {
      return Optional.empty();
    }
    DpopKey key = key(record);
    TokenClient tokens =
        tokens(server.get().tokenEndpoint(), client.get(), key == null ? net : dpop(key, net))
            .withParams(callbackParams(record));
    return spec.lifecycle()
        .refresh(record, tokens)
        .map(
            token -> {
              try {
                TokenResponse t = tokenType(spec.site(), key != null, token);
                spec.tokenCheck().checkRefresh(t, record);
                return t.refreshed(record, clock.instant(), spec.lifecycle().renewMargin());
              } catch (ProviderException refused) {
                // With a new refresh token in it, the answer spent the one we sent.
                boolean rotated =
                    token.refreshToken() != null
                        && !token.refreshToken().equals(record.refreshToken());
                throw rotated ? RotationRefused.mark(refused) : refused;
              }
            });
  }

  /**
   * The server fact naming its RFC 7009 revocation endpoint ({@code revocation_endpoint}), where a
   * source learnt it; {@link Revocation#fromMetadata()} otherwise reads the server's metadata.
   */
  public static final String REVOCATION_ENDPOINT = "revocation_endpoint";

  /** Where a server's metadata may be, after its issuer: OpenID Connect's, then RFC 8414's. */
  private static final List<String> METADATA_PATHS =
      List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server");

  /**
   * Ends a stored login's tokens at the server and with the client it was made with (its DPoP key
   * proves the requests of a bound login): RFC 7009 for the refresh token, then the access token,
   * or GitHub's grant delete.
   *
   * @return true if the server revoked, false if the login holds no token or its server declares no
   *     revocation endpoint ({@link Revocation#fromMetadata()}) and so has no way to
   * @throws ProviderException if the server is unreachable, refuses, or the login's server or
   *     client is not known
   */
  public boolean revoke(AuthRecord record, AuthStore store, Revocation how) {
    if (!(record.token() instanceof AccessToken.Bearer) && record.refreshToken() == null) {
      // A login redeemed for the profile alone (IndieAuth §5.3.2) holds no token to end.
      return false;
    }
    HttpTransport net = transport(FetchBudget.begin());
    Server server =
        spec.servers()
            .of(record, net)
            .orElseThrow(
                () ->
                    new ProviderException(
                        spec.site() + " login does not name its server, so it cannot be revoked"));
    Client client =
        spec.clients()
            .forRevocation(record, server, store)
            .orElseThrow(
                () ->
                    new ProviderException(
                        spec.site()
                            + ": the app's client at the login's server is gone, so the login"
                            + " cannot be revoked"));
    DpopKey key = key(record);
    HttpTransport t = key == null ? net : dpop(key, net);
    String access = record.token() instanceof AccessToken.Bearer b ? b.value() : null;
    if (how instanceof Revocation.GitHubGrant g) {
      URI url =
          URI.create(g.apiBase() + "/applications/" + Form.encode(client.clientId()) + "/grant");
      HttpCall json = HttpCall.postJson(url, Map.of("access_token", access == null ? "" : access));
      HttpCall call =
          new HttpCall("DELETE", url, json.headers(), json.body())
              .header(
                  "Authorization",
                  TokenClient.basic(new Credentials(client.clientId(), client.secret().current())));
      Revoked.send(spec.site(), call, t, false, 404);
      return true;
    }
    if (how instanceof Revocation.FormPost f) {
      if (access == null) {
        return false;
      }
      Map<String, String> form = new LinkedHashMap<>(f.parameters());
      form.put(f.tokenParameter(), access);
      Revoked.send(spec.site(), tokens(f.endpoint(), client, t).request(form), t, false, 0);
      return true;
    }
    URI endpoint = revocationEndpoint(how, server, net);
    if (endpoint == null) {
      return false;
    }
    TokenClient tokens = tokens(endpoint, client, t);
    // The refresh token first: RFC 7009 §2.1 lets a server end the whole grant with it.
    if (record.refreshToken() != null) {
      Revoked.send(
          spec.site(),
          tokens.request(revocationForm(record.refreshToken(), "refresh_token")),
          t,
          false,
          0);
    }
    if (access != null) {
      Revoked.send(
          spec.site(), tokens.request(revocationForm(access, "access_token")), t, false, 0);
    }
    return true;
  }

  /**
   * An RFC 7009 request's form: the token and its hint, with the site's fixed token-request
   * parameters, since a provider that names the app its own way at the token endpoint (TikTok's
   * {@code client_key}) names it so at its revocation endpoint too.
   */
  private Map<String, String> revocationForm(String token, String hint) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", token);
    form.put("token_type_hint", hint);
    spec.tokenParams().forEach(form::putIfAbsent);
    return form;
  }

  /** Where a login's server revokes, or null if it declares no endpoint. */
  private URI revocationEndpoint(Revocation how, Server server, HttpTransport net) {
    if (how instanceof Revocation.Rfc7009 r) {
      return r.endpoint();
    }
    if (how instanceof Revocation.Rfc7009AtServer p) {
      URI a = server.authorizationEndpoint();
      return a.resolve(p.path());
    }
    if (!(how instanceof Revocation.Rfc7009FromMetadata)) {
      throw new IllegalArgumentException(spec.site() + " cannot run " + how);
    }
    String known = server.fact(REVOCATION_ENDPOINT);
    if (known != null) {
      return URI.create(known);
    }
    if (server.issuer() == null) {
      return null;
    }
    String issuer = server.issuer().replaceAll("/+$", "");
    for (String path : METADATA_PATHS) {
      JsonNode doc;
      try {
        var r =
            net.send(HttpCall.get(URI.create(issuer + path)).header("Accept", "application/json"));
        if (r.status() != 200) {
          continue;
        }
        doc = r.json();
      } catch (IOException e) {
        throw ProviderException.unreachable(spec.site() + " server metadata", e);
      } catch (IllegalArgumentException e) {
        continue;
      }
      String endpoint = Json.text(doc, REVOCATION_ENDPOINT);
      if (endpoint == null) {
        return null;
      }
      try {
        URI u = new URI(endpoint);
        if (u.isAbsolute() && u.getHost() != null) {
          return u;
        }
      } catch (java.net.URISyntaxException e) {
        // fall through to the refusal below
      }
      throw new ProviderException(
          spec.site() + " server metadata has an invalid revocation_endpoint");
    }
    return null;
  }

  /**
   * Adds a stored login's credentials to an API call: {@code Authorization: DPoP} for a login with
   * a DPoP key (its transport adds the proof, see {@link #transport(AuthRecord)}), the site's
   * signer otherwise.
   */
  public HttpCall sign(HttpCall call, AuthRecord record) {
    if (hasKey(record) && record.token() instanceof AccessToken.Bearer b) {
      return call.header("Authorization", DpopTransport.SCHEME + " " + b.value());
    }
    return spec.signer().sign(call, record);
  }

  /**
   * How a stored login's API calls reach the site: with a DPoP proof of the login's key where it
   * has one, as the site's transport otherwise.
   */
  public HttpTransport transport(AuthRecord record) {
    DpopKey key = key(record);
    return key == null ? transport : dpop(key, transport);
  }

  /** Whether the callback takes the answer as a POST ({@code response_mode=form_post}). */
  public boolean formPostCallback() {
    return spec.steps().formPost();
  }

  /**
   * The transport of one request's protocol calls, the one place where the pipeline gets it: every
   * call it sends is within the browser request's time budget, or a refresh's own.
   */
  private HttpTransport transport(FetchBudget budget) {
    return transport.within(budget);
  }

  private DpopTransport dpop(DpopKey key, HttpTransport net) {
    return new DpopTransport(net, key, nonces, clock);
  }

  private TokenClient tokens(URI endpoint, Client client, HttpTransport t) {
    return new TokenClient(
        spec.site(),
        endpoint,
        new Credentials(client.clientId(), ""),
        client.auth(),
        t,
        client.secret());
  }

  /**
   * Where a login's code is redeemed: the token endpoint, or the authorization endpoint of a server
   * that has none for this login and redeems codes for the profile alone (IndieAuth §5.3.2).
   */
  private static URI redeemsAt(Server server) {
    return server.tokenEndpoint() != null ? server.tokenEndpoint() : server.authorizationEndpoint();
  }

  /** The login's server: kept in the pending login for a per-login source, the source's own. */
  private Server server(Pending p, CallbackRequest request, HttpTransport net) {
    if (!spec.servers().perLogin()) {
      return spec.servers().current(net);
    }
    if (p.authorizationEndpoint() == null) {
      return spec.servers()
          .keptBefore(request.data())
          .orElseThrow(
              () -> new BadRequestException("the pending login has no server; sign in again"));
    }
    Map<String, String> facts = new LinkedHashMap<>();
    if (p.serverFacts() != null) {
      for (Map.Entry<String, JsonNode> f : Json.parse(p.serverFacts()).properties()) {
        facts.put(f.getKey(), f.getValue().asText());
      }
    }
    return new Server(
        p.authorizationEndpoint(),
        p.tokenEndpoint(),
        p.parEndpoint(),
        p.issuer(),
        // A login kept before the pipeline (IndieAuth's, atproto's) required iss with an issuer.
        p.issuerRequired() != null ? p.issuerRequired() : p.issuer() != null,
        Boolean.TRUE.equals(p.parRequired()),
        facts);
  }

  /** The login's client: kept in the pending login for a per-login source, the source's own. */
  private Client client(Pending p) {
    if (!spec.clients().perLogin()) {
      return spec.clients().current();
    }
    if (p.clientId() == null) {
      throw new BadRequestException("the pending login has no client; sign in again");
    }
    ClientAuth auth;
    if (p.clientAuth() != null) {
      auth = ClientAuth.valueOf(p.clientAuth());
    } else {
      // A login started before the pipeline kept the client: Mastodon's registration, posted.
      auth = p.clientSecret() == null ? ClientAuth.NONE : ClientAuth.POST;
    }
    String secret = p.clientSecret();
    return new Client(p.clientId(), auth, secret == null ? null : () -> secret);
  }

  /**
   * The callback parameters the server wants back, from the callback: each declared one, present,
   * not blank and not too long, or the callback is refused before anything is redeemed.
   */
  private Map<String, String> callbackParams(WebRequest web) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : spec.callbackParams()) {
      String value =
          web.parameter(name)
              .filter(v -> !v.isBlank() && v.length() <= MAX_CALLBACK_PARAM)
              .orElseThrow(() -> new BadRequestException("missing " + name + " parameter"));
      kept.put(name, value);
    }
    return kept;
  }

  /**
   * The callback parameters a stored login kept for its token requests, by name: what its refresh
   * sends, and what a revocation or logout request to the same server should send too.
   */
  public Map<String, String> callbackParams(AuthRecord record) {
    String extra = record.extraJson();
    if (spec.callbackParams().isEmpty() || extra == null || !extra.contains(CALLBACK_PARAMS)) {
      return Map.of();
    }
    JsonNode params = Json.parse(extra).path(CALLBACK_PARAMS);
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : spec.callbackParams()) {
      String value = Json.text(params, name);
      if (value != null) {
        kept.put(name, value);
      }
    }
    return kept;
  }

  private static boolean hasKey(AuthRecord record) {
    String extra = record.extraJson();
    return extra != null && extra.contains(DPOP_KEY) && key(record) != null;
  }

  /**
   * The server fact that names the algorithms it takes DPoP proofs in, space-separated ({@code
   * dpop_signing_alg_values_supported}, RFC 9449 §5.1), where its metadata lists them.
   */
  public static final String DPOP_ALGS = "dpop_signing_alg_values_supported";

  /**
   * Whether a token endpoint's refusal of a code exchange without a proof may be the server's
   * demand for DPoP, so that the exchange is worth sending once more with one: RFC 9449's own
   * errors, an error whose description names DPoP, or any OAuth error from a server that takes
   * ES256 proofs. The last is needed because servers need not say why: oidc-provider answers a
   * client registered with {@code dpop_bound_access_tokens} only {@code invalid_grant} ("grant
   * request is invalid"). A retry after a refusal for another reason is refused again.
   */
  static boolean asksForDpop(ProviderException e, Server server) {
    String algs = server.fact(DPOP_ALGS);
    boolean takesProofs = algs != null && List.of(algs.split(" ")).contains("ES256");
    return e.error()
        .map(
            err ->
                takesProofs
                    || "invalid_dpop_proof".equals(err.code())
                    || "use_dpop_nonce".equals(err.code())
                    || err.description() != null
                        && err.description().toLowerCase(java.util.Locale.ROOT).contains("dpop"))
        .orElse(false);
  }

  /** The DPoP key of a stored login, or null if it has none. */
  private static DpopKey key(AuthRecord record) {
    String extra = record.extraJson();
    if (extra == null || !extra.contains(DPOP_KEY)) {
      return null;
    }
    String jwk = Json.text(Json.parse(extra), DPOP_KEY);
    return jwk == null ? null : DpopKey.fromJson(jwk);
  }

  /** The defaults, then the requested scopes that are not among them, in order. */
  public static List<String> scopes(List<String> defaults, List<String> requested) {
    List<String> all = new ArrayList<>(defaults);
    requested.stream().filter(s -> !all.contains(s)).forEach(all::add);
    return all;
  }

  /** The authorization endpoint with the request's parameters in its query, in order. */
  public static URI authorizationUrl(URI endpoint, Map<String, String> params) {
    return URI.create(Form.appendQuery(endpoint.toString(), params));
  }

  /**
   * Reads the authorization response.
   *
   * @param site the site name, for messages
   * @param web the callback request
   * @param issuer the expected RFC 9207 {@code iss}, or null if the server has none
   * @param issuerRequired whether an answer without {@code iss} is refused (the server declared
   *     support); otherwise only a different {@code iss} is
   * @param declined the {@code error} values that mean the user said no
   * @return the code, or empty if the user declined
   * @throws BadRequestException if the answer names another issuer, lacks one it must carry, or has
   *     no code
   * @throws ProviderException if the server reports another error
   */
  public static Optional<String> code(
      String site, WebRequest web, String issuer, boolean issuerRequired, Set<String> declined) {
    Optional<String> iss = web.parameter(ISS);
    if (issuer != null && (iss.isPresent() || issuerRequired) && !issuer.equals(iss.orElse(null))) {
      // Compared even on errors: an answer must not be trusted as coming from this server.
      throw new BadRequestException(
          iss.isPresent()
              ? "the callback did not come from the user's authorization server but from another"
                  + " authorization server"
              : "the callback lacks iss");
    }
    Optional<OAuthError> error = OAuthError.in(web);
    if (error.isPresent()) {
      if (declined.contains(error.get().code())) {
        return Optional.empty();
      }
      throw ProviderException.refused(site + " returned an error", error.get());
    }
    return Optional.of(
        web.parameter(CODE)
            .filter(c -> !c.isBlank() && c.length() <= MAX_CODE)
            .orElseThrow(() -> new BadRequestException("missing code parameter")));
  }

  /**
   * The token response, if its type is Bearer or unstated (RFC 6749 §7.1: a client must not use a
   * token type it does not understand).
   */
  public static TokenResponse bearer(String site, TokenResponse token) {
    return tokenType(site, false, token);
  }

  /**
   * The token response, if its type is one this login can use: DPoP where the login proved a key (a
   * Bearer token there would be sent with the wrong scheme, and is a downgrade), Bearer or unstated
   * otherwise.
   */
  private static TokenResponse tokenType(String site, boolean dpop, TokenResponse token) {
    String type = token.tokenType();
    if (dpop ? !"dpop".equals(type) : type != null && !type.equals("bearer")) {
      throw new ProviderException(
          site
              + (dpop
                  ? " issued a token of type " + type
                  : " issued a token of unknown type " + type));
    }
    return token;
  }
}
