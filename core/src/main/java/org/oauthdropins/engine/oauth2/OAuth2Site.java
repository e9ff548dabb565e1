package org.oauthdropins.engine.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.EntityFactory;
import org.oauthdropins.KeyId;
import org.oauthdropins.LoginResult;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;

/**
 * An OAuth 2 or OpenID Connect site: an {@link OAuth2Spec} that the {@link CodeFlowPipeline} runs.
 * A plain site is one builder chain with fixed endpoints and credentials (see {@code GitHub}); a
 * site whose server or client is found per login gives the builder its parts ({@link
 * Builder#servers}, {@link Builder#clients}, {@link Builder#identity}). PKCE S256 is on unless a
 * site is known to reject it. What a few sites do differently is a named hook (see the package
 * description), so no setting here exists for one site alone.
 */
public final class OAuth2Site<A extends AuthEntity> extends AbstractSite<A> {

  private final CodeFlowPipeline pipeline;
  private final BiFunction<OAuth2Site<?>, SiteRoute.Context, List<SiteRoute>> routes;
  private final KeyId keyId;

  private OAuth2Site(Builder<A> b) {
    super(b, base -> withHeaders(base, b.headers));
    this.routes = b.routes;
    this.keyId = b.identity == null ? b.keyId : null;
    this.pipeline =
        new CodeFlowPipeline(b.spec(name(), kind(), this::credentials), transport(), clock());
  }

  /**
   * Starts a site definition.
   *
   * @param name the site name, e.g. {@code github}
   * @param kind the entity kind, e.g. {@code GitHubAuth}
   */
  public static Builder<AuthEntity> builder(String name, String kind) {
    return new Builder<>(name, kind, EntityFactory.plain());
  }

  /** What this site is: the description its pipeline runs. */
  public OAuth2Spec spec() {
    return pipeline.spec();
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    return pipeline.authorize(request);
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    return pipeline.complete(request);
  }

  @Override
  public boolean formPostCallback() {
    return pipeline.formPostCallback();
  }

  @Override
  public List<SiteRoute> routes(SiteRoute.Context context) {
    return routes == null ? List.of() : routes.apply(this, context);
  }

  /**
   * The key of the stored login of a user that the provider names by these claims alone (a
   * back-channel logout token's {@code sub} and {@code iss}), where the site's key id comes from
   * such claims; empty where it needs more (a profile field the claims lack, the token answer).
   */
  public Optional<Key> keyFor(JsonNode claims) {
    if (keyId == null) {
      return Optional.empty();
    }
    String id;
    try {
      id = keyId.of(claims, org.oauthdropins.internal.http.Json.object());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return id == null || id.isBlank() ? Optional.empty() : Optional.of(new Key(kind(), id));
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return pipeline.sign(call, record);
  }

  @Override
  protected HttpTransport transport(AuthRecord record) {
    return pipeline.transport(record);
  }

  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    return pipeline.refresh(record, store);
  }

  @Override
  protected boolean revokeAtServer(AuthRecord record, AuthStore store, Revocation how) {
    return pipeline.revoke(record, store, how);
  }

  /** Adds the site's fixed headers to every request that does not set them itself. */
  private static HttpTransport withHeaders(HttpTransport base, Map<String, String> headers) {
    if (headers.isEmpty()) {
      return base;
    }
    Map<String, String> fixed = Map.copyOf(headers);
    return call -> {
      HttpCall c = call;
      for (Map.Entry<String, String> h : fixed.entrySet()) {
        if (c.firstHeader(h.getKey()) == null) {
          c = c.header(h.getKey(), h.getValue());
        }
      }
      return base.send(c);
    };
  }

  /** Signs with {@code Authorization: Bearer}, the default for OAuth 2 sites. */
  public static HttpCall bearer(HttpCall call, AuthRecord record) {
    return RequestSigner.BEARER.sign(call, record);
  }

  /** Configures an {@link OAuth2Site}. Every setter replaces; nothing is built lazily. */
  public static final class Builder<A extends AuthEntity>
      extends AbstractSite.Builder<A, Builder<A>> {
    private URI authorizeUrl;
    private URI tokenUrl;
    private ClientAuth clientAuth = ClientAuth.BASIC;
    private boolean pkce = true;
    private String scopeSeparator = " ";
    private List<String> defaultScopes = List.of();
    private Map<String, String> authorizeParams = Map.of();
    private Map<String, String> tokenParams = Map.of();
    private boolean nonce;
    private ScopeParams scopeParams = ScopeParams.NONE;
    private TokenCheck tokenCheck;
    private Set<String> declineErrors = Set.of();
    private String issuer;
    private boolean issuerRequired;
    private ProfileLoader profile;
    private KeyId keyId;
    private ExtraData extra;
    private RequestSigner signer = RequestSigner.BEARER;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private TokenLifecycle lifecycle = TokenLifecycle.STANDARD;
    private ClientSecret clientSecret;
    private CallbackProfile callbackProfile = CallbackProfile.NONE;
    private boolean formPost;
    private URI parEndpoint;
    private boolean parRequired;
    private Steps.When par = Steps.When.IF_REQUIRED;
    private Steps.When dpop = Steps.When.IF_REQUIRED;
    private ServerSource servers;
    private ClientSource clients;
    private Identity identity;
    private BiFunction<OAuth2Site<?>, SiteRoute.Context, List<SiteRoute>> routes;
    private List<String> callbackParams = List.of();

    private Builder(String name, String kind, EntityFactory<A> entity) {
      super(name, kind, entity);
    }

    @Override
    protected boolean credentialsRequired() {
      return clients == null;
    }

    /**
     * The description this builder's settings make: the parts it was given, or the fixed server,
     * client and profile identity of a plain site.
     */
    OAuth2Spec spec(
        String name, String kind, java.util.function.Supplier<Credentials> credentials) {
      ServerSource s = servers;
      if (s == null) {
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        if (issuerRequired && issuer == null) {
          throw new IllegalStateException(name + ": an issuer is required to require iss");
        }
        if (parRequired && parEndpoint == null) {
          throw new IllegalStateException(name + ": a PAR endpoint is required to require PAR");
        }
        s =
            ServerSource.fixed(
                new Server(
                    authorizeUrl,
                    tokenUrl,
                    parEndpoint,
                    issuer,
                    issuerRequired,
                    parRequired,
                    Map.of()));
      }
      ClientSource c = clients;
      if (c == null) {
        Credentials creds = credentials.get();
        c =
            ClientSource.fixed(
                new Client(
                    creds.clientId(),
                    clientAuth,
                    clientSecret != null ? clientSecret : creds::clientSecret));
      }
      Identity i = identity;
      if (i == null) {
        i =
            Identity.of(
                name,
                kind,
                Objects.requireNonNull(profile, "profile"),
                Objects.requireNonNull(keyId, "keyId"),
                extra,
                callbackProfile);
      }
      return new OAuth2Spec(
          name,
          kind,
          s,
          c,
          new Steps(pkce, nonce, formPost, par, dpop),
          i,
          defaultScopes,
          scopeSeparator,
          authorizeParams,
          tokenParams,
          scopeParams,
          tokenCheck == null ? OAuth2Spec.NO_CHECK : tokenCheck,
          declineErrors,
          lifecycle,
          signer,
          callbackParams);
    }

    /**
     * Where each login's authorization server comes from, for a site whose server is not two fixed
     * endpoints (OpenID Connect discovery, an instance the user names); replaces {@link
     * #authorizeUrl}, {@link #tokenUrl}, {@link #issuer} and {@link #issuerRequired}.
     */
    public Builder<A> servers(ServerSource s) {
      this.servers = Objects.requireNonNull(s, "servers");
      return this;
    }

    /**
     * Where each login's client comes from, for a site that registers per instance or whose client
     * id is a URL; replaces {@link #credentials}, {@link #clientAuth} and {@link #clientSecret}.
     */
    public Builder<A> clients(ClientSource c) {
      this.clients = Objects.requireNonNull(c, "clients");
      return this;
    }

    /**
     * Who a login is for, for a site whose answer is not a profile with a key id in it; replaces
     * {@link #profile}, {@link #keyId}, {@link #extra} and {@link #callbackProfile}.
     */
    public Builder<A> identity(Identity i) {
      this.identity = Objects.requireNonNull(i, "identity");
      return this;
    }

    /** The pushed authorization request endpoint (RFC 9126) of a fixed server; none by default. */
    public Builder<A> parEndpoint(URI u) {
      this.parEndpoint = u;
      return this;
    }

    /**
     * Whether the fixed server takes only pushed authorization requests ({@code
     * require_pushed_authorization_requests}): the request is then pushed unless {@link #par} is
     * {@link Steps.When#NEVER}, which fails the start instead. Needs {@link #parEndpoint}.
     */
    public Builder<A> parRequired(boolean required) {
      this.parRequired = required;
      return this;
    }

    /**
     * When the authorization request is pushed (RFC 9126): {@link Steps.When#IF_REQUIRED} by
     * default, which pushes when the server says it takes only pushed requests; {@link
     * Steps.When#ALWAYS} pushes whenever the server has a PAR endpoint.
     */
    public Builder<A> par(Steps.When when) {
      this.par = Objects.requireNonNull(when, "par");
      return this;
    }

    /**
     * When tokens are bound to a DPoP key (RFC 9449). {@link Steps.When#ALWAYS} makes a key per
     * login, proves it at the PAR and token endpoints (with the server's nonce), and signs the
     * stored login's API calls and refresh with it. {@link Steps.When#IF_REQUIRED}, the default,
     * does so only for a server that refuses the code exchange without a proof ({@code
     * invalid_dpop_proof}, as for a client registered with {@code dpop_bound_access_tokens}); a
     * server that binds nothing sees no proof. {@link Steps.When#NEVER} sends none.
     */
    public Builder<A> dpop(Steps.When when) {
      this.dpop = Objects.requireNonNull(when, "dpop");
      return this;
    }

    @Override
    protected Builder<A> self() {
      return this;
    }

    /** The entity type the site makes; the builder is retyped for it. */
    public <E extends AuthEntity> Builder<E> entity(EntityFactory<E> f) {
      return withEntity(f);
    }

    /** The authorization endpoint. */
    public Builder<A> authorizeUrl(URI u) {
      this.authorizeUrl = u;
      return this;
    }

    /** The token endpoint. */
    public Builder<A> tokenUrl(URI u) {
      this.tokenUrl = u;
      return this;
    }

    /** Client authentication at the token endpoint; {@link ClientAuth#BASIC} by default. */
    public Builder<A> clientAuth(ClientAuth a) {
      this.clientAuth = a;
      return this;
    }

    /** Whether to send PKCE S256; on by default. Turn off only for a site that rejects it. */
    public Builder<A> pkce(boolean on) {
      this.pkce = on;
      return this;
    }

    /** How the site separates scopes in the authorization request; a space by default. */
    public Builder<A> scopeSeparator(String s) {
      this.scopeSeparator = s;
      return this;
    }

    /** Scopes always asked for, before any the app or request adds. */
    public Builder<A> defaultScopes(List<String> s) {
      this.defaultScopes = List.copyOf(s);
      return this;
    }

    /** Fixed extra parameters of the authorization request. */
    public Builder<A> authorizeParams(Map<String, String> p) {
      this.authorizeParams = new LinkedHashMap<>(p);
      return this;
    }

    /**
     * Callback query parameters the server wants back, by name: each must be in the callback (a
     * callback without one is refused with a 400 before any code is redeemed), is sent in the code
     * exchange, kept in the stored login's extra data and sent again with every later token request
     * of the login, such as a refresh. VK ID names the user's device this way ({@code device_id}).
     * None by default.
     */
    public Builder<A> callbackParams(String... names) {
      this.callbackParams = List.of(names);
      return this;
    }

    /** Fixed extra parameters of the token request. */
    public Builder<A> tokenParams(Map<String, String> p) {
      this.tokenParams = new LinkedHashMap<>(p);
      return this;
    }

    /**
     * Sends a fresh OpenID Connect {@code nonce} with each authorization request and keeps it with
     * the pending login, where the {@link #tokenCheck} gets it (OpenID Connect Core §3.1.2.1).
     */
    public Builder<A> nonce(boolean on) {
      this.nonce = on;
      return this;
    }

    /** Parameters the authorization request adds for the scopes it asks for; none by default. */
    public Builder<A> scopeParams(ScopeParams p) {
      this.scopeParams = Objects.requireNonNull(p, "scopeParams");
      return this;
    }

    /**
     * Refuses a token response not meant for this login of this app, before the profile is fetched
     * (an OpenID Connect ID token and its nonce), and a refresh answer not about the stored login,
     * before its tokens are stored ({@link TokenCheck#checkRefresh}).
     */
    public Builder<A> tokenCheck(TokenCheck c) {
      this.tokenCheck = c;
      return this;
    }

    /**
     * Callback {@code error} values that also mean the user said no, besides {@code access_denied}
     * (LinkedIn: {@code user_cancelled_login}).
     */
    public Builder<A> declineErrors(Set<String> errors) {
      this.declineErrors = Set.copyOf(errors);
      return this;
    }

    /**
     * The authorization server's issuer, checked against an RFC 9207 {@code iss} parameter: a
     * callback naming another issuer is refused (a mix-up attack), one without {@code iss} is
     * accepted unless {@link #issuerRequired}.
     */
    public Builder<A> issuer(String i) {
      this.issuer = i;
      return this;
    }

    /**
     * Refuses a callback without {@code iss}, for a server whose metadata declares {@code
     * authorization_response_iss_parameter_supported}: RFC 9207 §2.4 says a client must then reject
     * an authorization response that lacks it. Needs {@link #issuer}.
     */
    public Builder<A> issuerRequired(boolean required) {
      this.issuerRequired = required;
      return this;
    }

    /** How to fetch the user's profile. */
    public Builder<A> profile(ProfileLoader p) {
      this.profile = p;
      return this;
    }

    /** Where the key id is in the profile. */
    public Builder<A> keyId(Function<JsonNode, String> f) {
      Objects.requireNonNull(f, "keyId");
      this.keyId = (user, answer) -> f.apply(user);
      return this;
    }

    /** Where the key id is, for sites that name it in the token response (a blog, a user id). */
    public Builder<A> keyId(KeyId k) {
      this.keyId = k;
      return this;
    }

    /**
     * A header sent with every request to the site (token, profile and signed API calls) unless the
     * request sets it itself, e.g. the descriptive User-Agent Reddit requires.
     */
    public Builder<A> header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Site-specific data to store beside the profile, from the token response and profile. */
    public Builder<A> extra(ExtraData f) {
      this.extra = f;
      return this;
    }

    /** How API requests are signed; {@link RequestSigner#BEARER} by default. */
    public Builder<A> signer(RequestSigner s) {
      this.signer = Objects.requireNonNull(s, "signer");
      return this;
    }

    /**
     * What happens to the tokens after the code exchange and when the login is due; {@link
     * TokenLifecycle#STANDARD} by default.
     */
    public Builder<A> tokenLifecycle(TokenLifecycle l) {
      this.lifecycle = Objects.requireNonNull(l, "tokenLifecycle");
      return this;
    }

    /**
     * Where each token request's client secret comes from, for a site whose secret is made when
     * needed (Apple's signed JWT); the credentials' fixed secret by default.
     */
    public Builder<A> clientSecret(ClientSecret s) {
      this.clientSecret = Objects.requireNonNull(s, "clientSecret");
      return this;
    }

    /**
     * Profile data the site sends in the callback itself (Apple's {@code user} field); {@link
     * CallbackProfile#NONE} by default.
     */
    public Builder<A> callbackProfile(CallbackProfile p) {
      this.callbackProfile = Objects.requireNonNull(p, "callbackProfile");
      return this;
    }

    /**
     * Asks for {@code response_mode=form_post} (OAuth 2.0 Form Post Response Mode): the site
     * answers with a page that POSTs the result to the callback, from the site's origin. The
     * callback then takes POST for this site, and a POST that arrives without the browser's cookie
     * (a cross-site POST never carries a {@code SameSite=Lax} one) is carried over a same-site hop;
     * see {@link org.oauthdropins.Callback}. Off by default, and only a site that needs it turns it
     * on (Apple, when asking for the user's name or email).
     */
    public Builder<A> formPostCallback(boolean on) {
      this.formPost = on;
      return this;
    }

    /**
     * The routes the site serves beside start and callback ({@link org.oauthdropins.Site#routes}),
     * made from the built site and the mount's settings: OpenID Connect's logout routes. None by
     * default.
     */
    public Builder<A> routes(BiFunction<OAuth2Site<?>, SiteRoute.Context, List<SiteRoute>> r) {
      this.routes = r;
      return this;
    }

    /** The site with these settings. */
    public OAuth2Site<A> build() {
      return new OAuth2Site<>(this);
    }
  }
}
