package org.oauthdropins.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
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
import org.oauthdropins.http.Form;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * The OAuth 2 authorization code flow, configured by data: a plain OAuth 2 site is one builder
 * chain (see {@code GitHub}). PKCE S256 is on unless a site is known to reject it.
 */
public final class OAuth2Site<A extends AuthEntity> extends AbstractSite<A> {

  private final URI authorizeUrl;
  private final TokenClient tokens;
  private final boolean pkce;
  private final String scopeSeparator;
  private final List<String> defaultScopes;
  private final Map<String, String> authorizeParams;
  private final Map<String, String> tokenParams;
  private final Supplier<Map<String, String>> loginParams;
  private final BiConsumer<TokenResponse, Map<String, String>> tokenCheck;
  private final Set<String> declined;
  private final String issuer;
  private final boolean issuerRequired;
  private final ProfileLoader profile;
  private final BiFunction<TokenResponse, JsonNode, String> keyId;
  private final BiFunction<TokenResponse, JsonNode, JsonNode> extra;
  private final BiFunction<HttpCall, AuthRecord, HttpCall> signer;
  private final String codeSuffix;
  private final URI exchangeUrl;
  private final String exchangeGrant;
  private final URI renewUrl;
  private final String renewGrant;
  private final Duration renewMargin;

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
            b.tokenViaGet);
    this.pkce = b.pkce;
    this.scopeSeparator = b.scopeSeparator;
    this.defaultScopes = List.copyOf(b.defaultScopes);
    this.authorizeParams = Map.copyOf(b.authorizeParams);
    this.tokenParams = Map.copyOf(b.tokenParams);
    this.loginParams = b.loginParams;
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
    this.codeSuffix = b.codeSuffix;
    this.exchangeUrl = b.exchangeUrl;
    this.exchangeGrant = b.exchangeGrant;
    this.renewUrl = b.renewUrl;
    this.renewGrant = b.renewGrant;
    this.renewMargin = b.renewMargin;
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
    q.put("response_type", "code");
    q.put("client_id", tokens.credentials().clientId());
    q.put("redirect_uri", redirectUri);
    q.put("state", request.state());
    List<String> scopes = new java.util.ArrayList<>(defaultScopes);
    request.scopes().stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
    if (!scopes.isEmpty()) {
      q.put("scope", String.join(scopeSeparator, scopes));
    }
    Map<String, String> data = new LinkedHashMap<>();
    if (pkce) {
      Pkce p = Pkce.create();
      q.put("code_challenge", p.challenge());
      q.put("code_challenge_method", Pkce.METHOD);
      data.put("code_verifier", p.verifier());
    }
    if (loginParams != null) {
      Map<String, String> fresh = loginParams.get();
      q.putAll(fresh);
      data.putAll(fresh);
    }
    q.putAll(authorizeParams);
    return new Authorization(
        URI.create(Form.appendQuery(authorizeUrl.toString(), q)), redirectUri, data);
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    Optional<String> code = CodeFlow.code(name(), request.web(), issuer, issuerRequired, declined);
    if (code.isEmpty()) {
      return new LoginResult.Declined();
    }
    String raw = code.get();
    if (codeSuffix != null && raw.endsWith(codeSuffix)) {
      raw = raw.substring(0, raw.length() - codeSuffix.length());
      if (raw.isBlank()) {
        throw new BadRequestException("missing code parameter");
      }
    }
    TokenResponse token =
        tokens.exchange(
            raw, request.redirectUri(), request.data().get("code_verifier"), tokenParams);
    if (exchangeUrl != null) {
      token = exchange(token);
    }
    token = CodeFlow.bearer(name(), token);
    if (tokenCheck != null) {
      tokenCheck.accept(token, request.data());
    }
    JsonNode user;
    try {
      user = profile.load(transport(), token);
    } catch (IOException e) {
      throw new ProviderException(name() + " profile could not be fetched: " + e.getMessage(), e);
    }
    String id = keyId.apply(token, user);
    if (id == null || id.isBlank()) {
      throw new ProviderException(name() + " profile has no user id");
    }
    JsonNode extras = extra == null ? null : extra.apply(token, user);
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind(), id),
            name(),
            new AccessToken.Bearer(token.accessToken()),
            token.refreshToken(),
            expiresAt(token),
            user.toString(),
            extras == null ? null : extras.toString()));
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return signer.apply(call, record);
  }

  /** Swaps the code's token for the one the site exchanges it for (a long-lived one). */
  private TokenResponse exchange(TokenResponse first) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("grant_type", exchangeGrant);
    q.put("client_secret", tokens.credentials().clientSecret());
    q.put("access_token", first.accessToken());
    TokenResponse second = tokens.get(exchangeUrl, q);
    // The second answer lacks fields of the first that identify the user (user_id): keep both.
    ObjectNode json = Json.object();
    json.setAll((ObjectNode) first.json());
    json.setAll((ObjectNode) second.json());
    return new TokenResponse(
        second.accessToken(),
        second.tokenType(),
        second.expiresIn(),
        second.refreshToken(),
        second.scope() != null ? second.scope() : first.scope(),
        json);
  }

  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    if (renewUrl != null) {
      return renew(record);
    }
    if (record.refreshToken() == null) {
      return Optional.empty();
    }
    TokenResponse token = tokens.refresh(record.refreshToken());
    // A site may rotate the refresh token; if it does not send a new one, the old one stays valid.
    String refresh = token.refreshToken() != null ? token.refreshToken() : record.refreshToken();
    return Optional.of(
        record.withTokens(new AccessToken.Bearer(token.accessToken()), refresh, expiresAt(token)));
  }

  private Optional<AuthRecord> renew(AuthRecord record) {
    if (!(record.token() instanceof AccessToken.Bearer b)) {
      return Optional.empty();
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put("grant_type", renewGrant);
    q.put("access_token", b.value());
    TokenResponse token = tokens.get(renewUrl, q);
    return Optional.of(
        record.withTokens(
            new AccessToken.Bearer(token.accessToken()), record.refreshToken(), expiresAt(token)));
  }

  private Instant expiresAt(TokenResponse token) {
    if (token.expiresIn() == null) {
      return null;
    }
    Duration life = Duration.ofSeconds(token.expiresIn());
    // Never so early that a fresh token already counts as due for renewal.
    Duration early = renewMargin.compareTo(life.dividedBy(2)) > 0 ? life.dividedBy(2) : renewMargin;
    return clock().instant().plus(life).minus(early);
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
    if (!(record.token() instanceof AccessToken.Bearer b)) {
      throw new IllegalStateException("no bearer token stored for " + record.key());
    }
    return ProfileLoader.bearer(call, b.value());
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
    private Supplier<Map<String, String>> loginParams;
    private BiConsumer<TokenResponse, Map<String, String>> tokenCheck;
    private Set<String> declineErrors = Set.of();
    private String issuer;
    private boolean issuerRequired;
    private ProfileLoader profile;
    private BiFunction<TokenResponse, JsonNode, String> keyId;
    private BiFunction<TokenResponse, JsonNode, JsonNode> extra;
    private BiFunction<HttpCall, AuthRecord, HttpCall> signer = OAuth2Site::bearer;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean tokenViaGet;
    private String codeSuffix;
    private URI exchangeUrl;
    private String exchangeGrant;
    private URI renewUrl;
    private String renewGrant;
    private Duration renewMargin = Duration.ZERO;

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
     * Parameters made afresh for each login, such as an OpenID Connect {@code nonce}: sent with the
     * authorization request and kept with the pending login, where {@link #tokenCheck} finds them.
     */
    public Builder<A> loginParams(Supplier<Map<String, String>> s) {
      this.loginParams = s;
      return this;
    }

    /**
     * Checks the token response against the data kept from the start of the login, before the
     * profile is fetched (an OpenID Connect ID token and its nonce). It throws a {@link
     * ProviderException} to refuse the login.
     */
    public Builder<A> tokenCheck(BiConsumer<TokenResponse, Map<String, String>> c) {
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
    public Builder<A> keyId(BiFunction<TokenResponse, JsonNode, String> f) {
      this.keyId = f;
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
    public Builder<A> extra(BiFunction<TokenResponse, JsonNode, JsonNode> f) {
      this.extra = f;
      return this;
    }

    /** How API requests are signed; a Bearer header by default. */
    public Builder<A> signer(BiFunction<HttpCall, AuthRecord, HttpCall> s) {
      this.signer = s;
      return this;
    }

    /** Send token requests as GETs with query parameters (Facebook) instead of form POSTs. */
    public Builder<A> tokenRequestsViaGet(boolean on) {
      this.tokenViaGet = on;
      return this;
    }

    /**
     * A suffix the site appends to the code that is not part of it, removed before the exchange
     * (Meta's {@code #_}, which reaches the callback when a browser or app keeps the fragment).
     */
    public Builder<A> codeSuffix(String s) {
      this.codeSuffix = s;
      return this;
    }

    /**
     * Exchanges the code's (short-lived) token for another right away, with {@code GET
     * url?grant_type=G&client_secret=S&access_token=T}, as Meta's Threads and Instagram do for
     * their long-lived tokens. Fields of the first answer that the second lacks are kept.
     */
    public Builder<A> exchangeToken(URI url, String grantType) {
      this.exchangeUrl = Objects.requireNonNull(url, "url");
      this.exchangeGrant = Objects.requireNonNull(grantType, "grantType");
      return this;
    }

    /**
     * Renews the access token itself instead of using a refresh token, with {@code GET
     * url?grant_type=G&access_token=T}, as Meta's long-lived tokens are renewed. Such a token can
     * only be renewed while it is still valid, so the stored expiry is {@code margin} earlier than
     * the site's, and {@link AuthEntity} renews it before the site stops accepting it.
     */
    public Builder<A> renewToken(URI url, String grantType, Duration margin) {
      this.renewUrl = Objects.requireNonNull(url, "url");
      this.renewGrant = Objects.requireNonNull(grantType, "grantType");
      this.renewMargin = Objects.requireNonNull(margin, "margin");
      return this;
    }

    /** The site with these settings. */
    public OAuth2Site<A> build() {
      return new OAuth2Site<>(this);
    }
  }
}
