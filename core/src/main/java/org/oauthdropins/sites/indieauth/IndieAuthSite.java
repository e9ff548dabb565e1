package org.oauthdropins.sites.indieauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.AccessToken;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.BadRequestException;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.Key;
import org.oauthdropins.LoginResult;
import org.oauthdropins.ProviderException;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.TokenClient;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.CodeFlow;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * IndieAuth (Living Standard, 11 July 2024): the user signs in with their own web site. The site
 * the user types is canonicalized, its authorization server discovered ({@code indieauth-metadata},
 * else the legacy endpoint links), and the code flow runs with PKCE S256 and the server's {@code
 * iss} checked. The {@code me} the server returns must be the site the user typed (or a URL seen
 * while discovering it), or must itself declare exactly the server that answered (issuer,
 * authorization endpoint, and the token endpoint when one redeemed the code). The profile is the
 * representative h-card and the {@code rel=me} links of that page.
 *
 * <p>Scopes: {@code profile} by default, redeemed at the authorization endpoint (no token); any
 * other scope is redeemed at the token endpoint for an access token and, where the server issues
 * one, a refresh token. The client id is the app's URL: configured as {@code indieauth_client_id}
 * (options, environment or file), else the origin of the start request plus {@code /}.
 *
 * <p>A site that declares no server is refused, unless the app opts in to a hosted service for such
 * sites ({@link Builder#fallbackService}), which the app then trusts with those users' identities.
 *
 * <p>Every fetch of the user's site and server goes through the SSRF guard.
 */
public final class IndieAuthSite extends AbstractSite<IndieAuth> {

  /** Lists IndieAuth for apps and the demo; it needs no credentials. */
  public static final SiteFactory FACTORY =
      new SiteFactory("indieauth", null, null, IndieAuthSite::create);

  private static final Set<String> PROFILE_SCOPES = Set.of("profile", "email");

  /**
   * What a login's callback needs: the site the user typed and the URLs seen while discovering it
   * (a JSON array, the typed one first), the client id, the server that was asked (its
   * authorization endpoint, its token endpoint when the code is redeemed there, its issuer), the
   * scope, and the PKCE verifier.
   */
  record IndieAuthLogin(
      String seen,
      String clientId,
      URI authorizationEndpoint,
      String scope,
      URI tokenEndpoint,
      String issuer,
      String codeVerifier) {
    IndieAuthLogin {
      Objects.requireNonNull(seen, "seen");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
      Objects.requireNonNull(codeVerifier, "codeVerifier");
    }

    @Override
    public String toString() {
      // The verifier must never reach a log line.
      return "IndieAuthLogin[...]";
    }
  }

  private final GuardedTransport transport;
  private final String clientId;
  private final Discovery.Server fallback;

  private IndieAuthSite(Builder b) {
    // Every fetch of the user's site and server goes through the SSRF guard.
    super(b, GuardedTransport::of);
    this.transport = GuardedTransport.of(transport());
    this.clientId = b.clientId;
    this.fallback =
        b.fallbackService == null ? null : new Discovery.Server(null, b.fallbackService, null);
  }

  /**
   * IndieAuth with the given options. The client id is the options' credentials' client id if
   * given, else {@code indieauth_client_id} from the environment or a file, else derived from each
   * start request.
   */
  public static IndieAuthSite create(SiteOptions o) {
    return builder(o).build();
  }

  /** IndieAuth with the given options, as {@link #create}, for settings beyond them (a clock). */
  public static Builder builder(SiteOptions o) {
    requireClass(
        "org.jsoup.Jsoup",
        "IndieAuth reads the user's HTML with jsoup: add the dependency org.jsoup:jsoup to your app");
    String id =
        o.credentials() != null
            ? o.credentials().clientId()
            : Credentials.lookup("indieauth_client_id", "indieauth_client_id")
                .map(Credentials::clientId)
                .orElse(null);
    return new Builder().options(o).clientId(id);
  }

  /**
   * Fails at startup, with a message that says what to add, when an optional dependency is missing,
   * rather than with a {@link NoClassDefFoundError} at the first login.
   */
  static void requireClass(String name, String message) {
    try {
      Class.forName(name, false, IndieAuthSite.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(message, e);
    }
  }

  private boolean loopbackAllowed() {
    return transport.policy().allowLoopback();
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    URI me =
        ProfileUrls.canonical(
            request
                .web()
                .parameter("me")
                .orElseThrow(() -> new BadRequestException("enter your web site")),
            loopbackAllowed());
    Discovery.Found found = discover(me, true, fallback);
    Discovery.Server server = found.server();
    List<String> scopes = CodeFlow.scopes(List.of("profile"), request.scopes());
    boolean tokens = server.tokenEndpoint() != null && !PROFILE_SCOPES.containsAll(scopes);
    String client = clientId != null ? clientId : request.appUrl() + "/";
    ArrayNode seen = Json.array().add(me.toString());
    found.seen().forEach(u -> seen.add(u.toString()));
    String scope = String.join(" ", scopes);
    return CodeFlow.authorize(
        server.authorizationEndpoint(),
        client,
        request,
        scope,
        Map.of("me", me.toString()),
        verifier ->
            new IndieAuthLogin(
                seen.toString(),
                client,
                server.authorizationEndpoint(),
                scope,
                tokens ? server.tokenEndpoint() : null,
                server.issuer(),
                verifier));
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    IndieAuthLogin pending = request.data(IndieAuthLogin.class);
    Optional<String> code =
        CodeFlow.code(name(), request.web(), pending.issuer(), true, CodeFlow.DECLINED);
    if (code.isEmpty()) {
      return new LoginResult.Declined();
    }
    String client = pending.clientId();
    URI tokenEndpoint = pending.tokenEndpoint();
    JsonNode answer;
    TokenResponse token = null;
    if (tokenEndpoint != null) {
      token =
          CodeFlow.bearer(
              name(),
              TokenClient.publicClient(name(), tokenEndpoint, client, transport)
                  .exchange(code.get(), request.redirectUri(), pending.codeVerifier(), Map.of()));
      answer = token.json();
    } else {
      answer = redeemForProfile(request.redirectUri(), pending, code.get());
    }
    URI me = verifiedMe(answer, pending);

    ObjectNode user = Json.object();
    user.put("me", me.toString());
    profile(me, user);
    if (answer.path("profile").isObject()) {
      user.set("profile", answer.path("profile"));
    }
    ObjectNode extra = Json.object();
    extra.put(OAuthParameters.CLIENT_ID, client);
    extra.put("authorization_endpoint", pending.authorizationEndpoint().toString());
    extra.put("token_endpoint", tokenEndpoint == null ? null : tokenEndpoint.toString());
    extra.put("issuer", pending.issuer());
    extra.put(
        OAuthParameters.SCOPE,
        token != null && token.scope() != null ? token.scope() : pending.scope());
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind(), me.toString()),
            name(),
            token == null ? null : new AccessToken.Bearer(token.accessToken()),
            token == null ? null : token.refreshToken(),
            token == null || token.expiresIn() == null
                ? null
                : clock().instant().plusSeconds(token.expiresIn()),
            user.toString(),
            extra.toString()));
  }

  /** Profile-only redemption at the authorization endpoint (§5.3.2). */
  private JsonNode redeemForProfile(String redirectUri, IndieAuthLogin pending, String code) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(OAuthParameters.GRANT_TYPE, "authorization_code");
    form.put(OAuthParameters.CODE, code);
    form.put(OAuthParameters.CLIENT_ID, pending.clientId());
    form.put(OAuthParameters.REDIRECT_URI, redirectUri);
    form.put(OAuthParameters.CODE_VERIFIER, pending.codeVerifier());
    HttpResult r;
    try {
      r =
          transport.send(
              HttpCall.postForm(pending.authorizationEndpoint(), form)
                  .header("Accept", "application/json"));
    } catch (IOException e) {
      throw ProviderException.unreachable("indieauth server", e);
    }
    JsonNode json;
    try {
      json = r.json();
    } catch (IllegalArgumentException e) {
      throw new ProviderException(
          "indieauth server answered HTTP " + r.status() + " with something that is not JSON");
    }
    String error = Json.text(json, OAuthParameters.ERROR);
    if (error != null || !r.ok()) {
      throw new ProviderException(
          "indieauth server refused the code: "
              + (error == null ? "HTTP " + r.status() : ProviderException.clean(error)));
    }
    return json;
  }

  /**
   * The {@code me} the server vouched for, if it may (§5.4): the URL the user typed or one seen
   * while discovering it, or a profile URL that declares exactly the server that answered: its
   * issuer, its authorization endpoint and, if one redeemed the code, its token endpoint.
   */
  private URI verifiedMe(JsonNode answer, IndieAuthLogin pending) {
    String returned = Json.text(answer, "me");
    if (returned == null) {
      throw new ProviderException("indieauth server did not say who signed in (no me)");
    }
    URI me;
    try {
      me = ProfileUrls.returned(returned, loopbackAllowed());
    } catch (IllegalArgumentException e) {
      throw new ProviderException("indieauth server returned an invalid me: " + e.getMessage());
    }
    for (JsonNode seen : Json.parse(pending.seen())) {
      if (seen.asText().equals(me.toString())) {
        return me;
      }
    }
    // The token endpoint is in the pending data only when the code was redeemed there.
    Discovery.Server answered =
        new Discovery.Server(
            pending.issuer(), pending.authorizationEndpoint(), pending.tokenEndpoint());
    // A URL that declares no server is not the hosted service's to vouch for: no fallback here.
    Discovery.Server declared = discover(me, false, null).server();
    if (!declared.confirms(answered)) {
      throw new ProviderException(
          "the authorization server vouched for "
              + me
              + ", which does not declare that server; refused");
    }
    return me;
  }

  /** Adds the representative h-card and rel=me links of the user's page, where it has them. */
  private void profile(URI me, ObjectNode user) {
    ArrayNode relMe = user.putArray("rel-me");
    HttpResult page;
    try {
      page = transport.send(HttpCall.get(me).header("Accept", "text/html"));
    } catch (IOException e) {
      return; // the login stands; the profile is decoration
    }
    Document html = page.ok() ? Discovery.html(page) : null;
    if (html == null) {
      return;
    }
    List<String> links = Microformats.relMe(html);
    links.forEach(relMe::add);
    ObjectNode card = Microformats.representativeHCard(html, me.toString(), links);
    if (card != null) {
      user.set("h-card", card);
    }
  }

  /**
   * Discovers a profile URL's server. For the URL the user typed, failures are the user's (400);
   * for a URL a server returned, the server's (502).
   *
   * @param fallback the server for a page that declares none, or null to refuse such a page
   */
  private Discovery.Found discover(URI profile, boolean userInput, Discovery.Server fallback) {
    try {
      return Discovery.discover(profile, transport, fallback);
    } catch (UnsafeUrlException e) {
      String message = profile.getHost() + " cannot be used: " + e.getMessage();
      throw userInput ? new BadRequestException(message) : new ProviderException(message);
    } catch (Discovery.NotFound e) {
      throw userInput
          ? new BadRequestException(e.getMessage())
          : new ProviderException(e.getMessage());
    } catch (IOException e) {
      ProviderException unreachable = ProviderException.unreachable(profile.getHost(), e);
      throw userInput ? new BadRequestException(unreachable.getMessage()) : unreachable;
    }
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return OAuth2Site.bearer(call, record);
  }

  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    JsonNode extra = Json.parse(record.extraJson());
    String endpoint = Json.text(extra, "token_endpoint");
    String client = Json.text(extra, OAuthParameters.CLIENT_ID);
    if (record.refreshToken() == null || endpoint == null || client == null) {
      return Optional.empty();
    }
    TokenResponse token =
        TokenClient.publicClient(name(), URI.create(endpoint), client, transport)
            .refresh(record.refreshToken());
    // §5.5.1: a new refresh token replaces the old one, which must be discarded.
    return Optional.of(token.refreshed(record, clock().instant()));
  }

  /** Configures an {@link IndieAuthSite}. Every setter replaces; nothing is built lazily. */
  public static final class Builder extends AbstractSite.Builder<IndieAuth, Builder> {
    private String clientId;
    private URI fallbackService;

    private Builder() {
      super("indieauth", "IndieAuth", IndieAuth::new);
      button(new Button("Sign in with your web site", "#ebebeb", "#222222", "me", "example.com"));
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** The client id is a URL, not an app-wide credential. */
    @Override
    protected boolean credentialsRequired() {
      return false;
    }

    /**
     * The app's client id, a URL (IndieAuth §4.2), or null to derive it from each start request:
     * the origin of the request plus {@code /}.
     */
    public Builder clientId(String id) {
      this.clientId = id;
      return this;
    }

    /**
     * Signs in users whose site declares no IndieAuth server through a hosted IndieAuth service, as
     * the Python library does with indieauth.com; off (null) by default, when such a site is
     * refused with a 400 that says it declares no server.
     *
     * <p>Turn it on knowingly: the service, not the user's own site, then decides who that user is,
     * so the app trusts a third party with the identity of every user it signs in this way (it also
     * sees each of their logins). The user's site is still the identity: the service must return
     * that site (or a URL seen while fetching it) as {@code me}, else the login is refused (502),
     * as with any server. A site that declares its own server is never sent to the service. The
     * service is an IndieAuth authorization endpoint that redeems codes for the profile (§5.3.2)
     * and takes PKCE S256; a login through it gets no access token, whatever the scopes.
     *
     * @param authorizationEndpoint the service's authorization endpoint, e.g. {@code
     *     https://indieauth.com/auth} (the Python library's), or null for none
     */
    public Builder fallbackService(URI authorizationEndpoint) {
      this.fallbackService = authorizationEndpoint;
      return this;
    }

    /** The site with these settings. */
    public IndieAuthSite build() {
      return new IndieAuthSite(this);
    }
  }
}
