package org.oauthdropins.engine.oauth2;

import static org.oauthdropins.internal.OAuthParameters.CLIENT_ID;
import static org.oauthdropins.internal.OAuthParameters.CODE;
import static org.oauthdropins.internal.OAuthParameters.CODE_CHALLENGE;
import static org.oauthdropins.internal.OAuthParameters.CODE_CHALLENGE_METHOD;
import static org.oauthdropins.internal.OAuthParameters.FORM_POST;
import static org.oauthdropins.internal.OAuthParameters.NONCE;
import static org.oauthdropins.internal.OAuthParameters.REDIRECT_URI;
import static org.oauthdropins.internal.OAuthParameters.RESPONSE_MODE;
import static org.oauthdropins.internal.OAuthParameters.RESPONSE_TYPE;
import static org.oauthdropins.internal.OAuthParameters.SCOPE;
import static org.oauthdropins.internal.OAuthParameters.STATE;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.AccessToken;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.BadRequestException;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.EntityFactory;
import org.oauthdropins.Key;
import org.oauthdropins.LoginResult;
import org.oauthdropins.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.Secrets;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.CodeFlow;
import org.oauthdropins.internal.oauth2.Pkce;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * The OAuth 2 authorization code flow, configured by data: a plain OAuth 2 site is one builder
 * chain (see {@code GitHub}). PKCE S256 is on unless a site is known to reject it. The builder
 * holds what every OAuth 2 site has; what a few sites do differently is a named hook (see the
 * package description), so no setting here exists for one site alone.
 */
public final class OAuth2Site<A extends AuthEntity> extends AbstractSite<A> {

  private final URI authorizeUrl;
  private final TokenClient tokens;
  private final boolean pkce;
  private final String scopeSeparator;
  private final List<String> defaultScopes;
  private final Map<String, String> authorizeParams;
  private final Map<String, String> tokenParams;
  private final boolean nonce;
  private final ScopeParams scopeParams;
  private final TokenCheck tokenCheck;
  private final Set<String> declined;
  private final String issuer;
  private final boolean issuerRequired;
  private final ProfileLoader profile;
  private final KeyId keyId;
  private final ExtraData extra;
  private final RequestSigner signer;
  private final TokenLifecycle lifecycle;
  private final CallbackProfile callbackProfile;
  private final boolean formPost;

  private OAuth2Site(Builder<A> b) {
    super(b, base -> withHeaders(base, b.headers));
    this.authorizeUrl = Objects.requireNonNull(b.authorizeUrl, "authorizeUrl");
    this.tokens =
        new TokenClient(
            name(),
            Objects.requireNonNull(b.tokenUrl, "tokenUrl"),
            credentials(),
            b.clientAuth,
            transport(),
            b.clientSecret);
    this.pkce = b.pkce;
    this.scopeSeparator = b.scopeSeparator;
    this.defaultScopes = List.copyOf(b.defaultScopes);
    this.authorizeParams = Map.copyOf(b.authorizeParams);
    this.tokenParams = Map.copyOf(b.tokenParams);
    this.nonce = b.nonce;
    this.scopeParams = b.scopeParams;
    this.tokenCheck = b.tokenCheck;
    Set<String> d = new java.util.HashSet<>(CodeFlow.DECLINED);
    d.addAll(b.declineErrors);
    this.declined = Set.copyOf(d);
    this.issuer = b.issuer;
    this.issuerRequired = b.issuerRequired;
    if (issuerRequired && issuer == null) {
      throw new IllegalStateException(name() + ": an issuer is required to require iss");
    }
    this.profile = Objects.requireNonNull(b.profile, "profile");
    this.keyId = Objects.requireNonNull(b.keyId, "keyId");
    this.extra = b.extra;
    this.signer = b.signer;
    this.lifecycle = b.lifecycle;
    this.callbackProfile = b.callbackProfile;
    this.formPost = b.formPost;
  }

  /**
   * What a login of this engine keeps between the authorization request and the callback.
   *
   * @param codeVerifier the PKCE verifier, or null if the site takes no PKCE
   * @param nonce the OpenID Connect nonce sent, or null if the site sends none
   */
  record Pending(String codeVerifier, String nonce) {
    @Override
    public String toString() {
      return "Pending[codeVerifier=" + (codeVerifier != null) + ", nonce=" + (nonce != null) + "]";
    }
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

  /** The token endpoint client, for sites that build on this one. */
  public TokenClient tokens() {
    return tokens;
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    String redirectUri = request.callbackUrl().toString();
    Map<String, String> q = new LinkedHashMap<>();
    q.put(RESPONSE_TYPE, CODE);
    q.put(CLIENT_ID, tokens.credentials().clientId());
    q.put(REDIRECT_URI, redirectUri);
    q.put(STATE, request.state());
    List<String> scopes = CodeFlow.scopes(defaultScopes, request.scopes());
    if (!scopes.isEmpty()) {
      q.put(SCOPE, String.join(scopeSeparator, scopes));
    }
    String verifier = null;
    if (pkce) {
      Pkce p = Pkce.create();
      q.put(CODE_CHALLENGE, p.challenge());
      q.put(CODE_CHALLENGE_METHOD, Pkce.METHOD);
      verifier = p.verifier();
    }
    String n = null;
    if (nonce) {
      n = Secrets.random(24);
      q.put(NONCE, n);
    }
    if (formPost) {
      q.put(RESPONSE_MODE, FORM_POST);
    }
    q.putAll(authorizeParams);
    scopeParams.forScopes(scopes).forEach(q::putIfAbsent);
    return Authorization.of(
        URI.create(Form.appendQuery(authorizeUrl.toString(), q)),
        redirectUri,
        new Pending(verifier, n));
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    Optional<String> callbackCode =
        CodeFlow.code(name(), request.web(), issuer, issuerRequired, declined);
    if (callbackCode.isEmpty()) {
      return new LoginResult.Declined();
    }
    String code = lifecycle.code(callbackCode.get());
    if (code.isBlank()) {
      throw new BadRequestException("missing code parameter");
    }
    Pending pending = request.data(Pending.class);
    TokenClient tokens = this.tokens.within(request.budget());
    TokenResponse token =
        tokens.exchange(code, request.redirectUri(), pending.codeVerifier(), tokenParams);
    token = CodeFlow.bearer(name(), lifecycle.afterExchange(token, tokens));
    if (tokenCheck != null) {
      tokenCheck.check(token, pending.nonce(), request.budget());
    }
    JsonNode user;
    try {
      user = profile.load(request.within(transport()), token);
    } catch (IOException e) {
      throw ProviderException.unreachable(name() + " profile endpoint", e);
    }
    String id = keyId.of(token, user);
    if (id == null || id.isBlank()) {
      throw new ProviderException(name() + " profile has no user id");
    }
    if (callbackProfile != CallbackProfile.NONE) {
      JsonNode stored =
          request.store().get(new Key(kind(), id)).map(r -> Json.parse(r.userJson())).orElse(null);
      user = callbackProfile.profile(user, request.web(), stored);
    }
    JsonNode extras = extra == null ? null : extra.of(request.within(transport()), token, user);
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind(), id),
            name(),
            new AccessToken.Bearer(token.accessToken()),
            token.refreshToken(),
            token.expiresAt(clock().instant(), lifecycle.renewMargin()),
            user.toString(),
            extras == null ? null : extras.toString()));
  }

  @Override
  public boolean formPostCallback() {
    return formPost;
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return signer.sign(call, record);
  }

  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    return lifecycle
        .refresh(record, tokens)
        .map(
            token -> {
              if (tokenCheck != null) {
                tokenCheck.checkRefresh(token, record);
              }
              return token.refreshed(record, clock().instant(), lifecycle.renewMargin());
            });
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

    private Builder(String name, String kind, EntityFactory<A> entity) {
      super(name, kind, entity);
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
      this.keyId = (token, user) -> f.apply(user);
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

    /** The site with these settings. */
    public OAuth2Site<A> build() {
      return new OAuth2Site<>(this);
    }
  }
}
