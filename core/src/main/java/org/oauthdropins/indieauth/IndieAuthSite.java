package org.oauthdropins.indieauth;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.AccessToken;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.Key;
import org.oauthdropins.LoginResult;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.internal.http.GuardedTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.CodeFlow;
import org.oauthdropins.oauth2.Client;
import org.oauthdropins.oauth2.Identity;
import org.oauthdropins.oauth2.OAuth2Site;
import org.oauthdropins.oauth2.Server;
import org.oauthdropins.oauth2.TokenClient;
import org.oauthdropins.oauth2.TokenResponse;
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
  private final DeclaredServer servers;
  private final ClientIdUrl clients;
  private final VouchedProfile identity = new VouchedProfile();

  private IndieAuthSite(Builder b) {
    // Every fetch of the user's site and server goes through the SSRF guard.
    super(b, GuardedTransport::of);
    this.transport = GuardedTransport.of(transport());
    this.servers = new DeclaredServer(b.fallbackService);
    this.clients = new ClientIdUrl(b.clientId);
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

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    Server server = servers.find(request, transport);
    String client = clients.client(request, server, transport).clientId();
    String scope = server.fact(DeclaredServer.SCOPE);
    return CodeFlow.authorize(
        server.authorizationEndpoint(),
        client,
        request,
        scope,
        Map.of("me", server.fact(DeclaredServer.ME)),
        verifier ->
            new IndieAuthLogin(
                server.fact(DeclaredServer.SEEN),
                client,
                server.authorizationEndpoint(),
                scope,
                server.tokenEndpoint(),
                server.issuer(),
                verifier));
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    IndieAuthLogin pending = request.data(IndieAuthLogin.class);
    Server server =
        DeclaredServer.server(
            pending.issuer(),
            pending.authorizationEndpoint(),
            pending.tokenEndpoint(),
            Map.of(
                DeclaredServer.ME,
                Json.parse(pending.seen()).path(0).asText(),
                DeclaredServer.SEEN,
                pending.seen(),
                DeclaredServer.SCOPE,
                pending.scope()));
    Optional<String> code =
        CodeFlow.code(name(), request.web(), server.issuer(), true, CodeFlow.DECLINED);
    if (code.isEmpty()) {
      return new LoginResult.Declined();
    }
    Client client = Client.publicClient(pending.clientId());
    URI tokenEndpoint = server.tokenEndpoint();
    TokenResponse token;
    if (tokenEndpoint != null) {
      token =
          CodeFlow.bearer(
              name(),
              TokenClient.publicClient(name(), tokenEndpoint, client.clientId(), transport)
                  .exchange(code.get(), request.redirectUri(), pending.codeVerifier(), Map.of()));
    } else {
      token =
          TokenClient.publicClient(
                  name(), server.authorizationEndpoint(), client.clientId(), transport)
              .redeemForProfile(code.get(), request.redirectUri(), pending.codeVerifier());
    }
    Identity.Who who =
        identity.who(new Identity.Exchanged(token, server, client, transport, request));
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind(), who.id()),
            name(),
            token.accessToken() == null ? null : new AccessToken.Bearer(token.accessToken()),
            token.refreshToken(),
            token.expiresIn() == null ? null : clock().instant().plusSeconds(token.expiresIn()),
            who.profile().toString(),
            who.extra().toString()));
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return OAuth2Site.bearer(call, record);
  }

  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    Optional<Server> server = servers.of(record, transport);
    URI endpoint = server.map(Server::tokenEndpoint).orElse(null);
    Optional<Client> client = server.flatMap(s -> clients.of(record, s, store));
    if (record.refreshToken() == null || endpoint == null || client.isEmpty()) {
      return Optional.empty();
    }
    TokenResponse token =
        TokenClient.publicClient(name(), endpoint, client.get().clientId(), transport)
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
