package org.oauthdropins.sites.bluesky;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.LoginResult;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.engine.oauth2.OAuth2Spec;
import org.oauthdropins.engine.oauth2.RequestSigner;
import org.oauthdropins.engine.oauth2.ScopeParams;
import org.oauthdropins.engine.oauth2.Steps;
import org.oauthdropins.engine.oauth2.Steps.When;
import org.oauthdropins.engine.oauth2.TokenLifecycle;
import org.oauthdropins.engine.oauth2.atproto.AtprotoIdentity;
import org.oauthdropins.engine.oauth2.atproto.ClientMetadata;
import org.oauthdropins.engine.oauth2.atproto.IdentityChain;
import org.oauthdropins.engine.oauth2.atproto.TxtResolver;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * Bluesky and every other atproto server: atproto OAuth (a public client with PAR, PKCE S256 and
 * DPoP, atproto specs "OAuth"), and the legacy app-password login ({@link #passwordLogin}).
 *
 * <p>The start form carries the user's {@code handle}. The library resolves it to a DID, the DID to
 * its PDS, and the PDS to its authorization server ({@link IdentityChain}), each step checked and
 * fetched through the SSRF guard ({@link GuardedTransport#of} the app's {@link
 * SiteOptions#transport()}). The client is identified by its client metadata document ({@link
 * ClientMetadata}), which the app serves at {@code <origin>/bluesky/client-metadata.json} from
 * {@link #clientMetadata(URI)}. The login itself is the one OAuth 2 pipeline ({@link
 * CodeFlowPipeline}) with these parts, pushing every request and binding every token to a DPoP key.
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
public final class Bluesky extends AbstractSite<BlueskyAuth> {

  /** The real PLC directory. */
  public static final SiteBase PLC_DIRECTORY = SiteBase.of("plc", "https://plc.directory");

  /** Where the app serves {@link #clientMetadata(URI)}, by default. */
  public static final String METADATA_PATH = "/bluesky/client-metadata.json";

  /** Where the app mounts the callback, by default. */
  public static final String CALLBACK_PATH = "/bluesky/oauth_callback";

  /** The scopes every login asks for. */
  public static final List<String> SCOPES = List.of("atproto", "transition:generic");

  /** Bluesky's own AppView, for {@link Builder#appView}. */
  public static final String BLUESKY_APPVIEW = "did:web:api.bsky.app#bsky_appview";

  /** Lists Bluesky for apps and the demo. A public client: there are no credentials. */
  public static final SiteFactory FACTORY = new SiteFactory("bluesky", null, null, Bluesky::create);

  /**
   * What atproto OAuth runs: pushed requests and DPoP-bound tokens on every login (atproto specs
   * "OAuth" demands both), with PKCE.
   */
  private static final Steps STEPS = new Steps(true, false, false, When.ALWAYS, When.ALWAYS);

  private final IdentityChain chain;
  private final ClientMetadata metadata;
  private final CodeFlowPipeline oauth;
  private final AppPasswordSession session;

  private Bluesky(Builder b) {
    super(b, t -> guard(t, b.devMode));
    URI plc = b.plc != null || b.devPds != null ? b.plc : URI.create(PLC_DIRECTORY.defaultUrl());
    this.chain = new IdentityChain(plc, b.txt, b.devPds, b.devMode);
    Pds pds = new Pds(transport(), b.appView);
    this.metadata = new ClientMetadata(b.clientName, b.metadataPath, b.callbackPath, SCOPES);
    AtprotoIdentity identity = new AtprotoIdentity(name(), pds::profile);
    this.oauth =
        new CodeFlowPipeline(
            new OAuth2Spec(
                name(),
                kind(),
                chain,
                metadata,
                STEPS,
                identity,
                SCOPES,
                " ",
                Map.of(),
                Map.of(),
                ScopeParams.NONE,
                identity.refreshCheck(),
                Set.of(),
                TokenLifecycle.STANDARD,
                RequestSigner.BEARER,
                List.of()),
            transport(),
            clock());
    this.session = new AppPasswordSession(transport(), chain, pds);
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
    // atproto OAuth: RFC 7009 at the revocation_endpoint of the login's authorization server
    // metadata (RFC 8414), with the login's DPoP key; an app-password session is deleted at its
    // PDS (com.atproto.server.deleteSession).
    Builder b = new Builder().options(o).revocation(Revocation.fromMetadata());
    o.moved(PLC_DIRECTORY).ifPresent(b::plcDirectory);
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

  /** Whether development mode is on. */
  public boolean devMode() {
    return chain.devMode();
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
    return metadata.metadataPath();
  }

  /**
   * The client metadata document (JSON) that the app must serve, with {@code Content-Type:
   * application/json}, at {@code <origin>/bluesky/client-metadata.json}: the client_id URL.
   *
   * @param appUrl the app's public base URL, e.g. {@code https://app.example}
   */
  public String clientMetadata(URI appUrl) {
    return metadata.document(appUrl);
  }

  /** The name of the app-password form's route ({@link SiteRoute}), at {@code /<site>/password}. */
  public static final String PASSWORD_ROUTE = "password";

  /** The name of the client metadata document's route ({@link SiteRoute}). */
  public static final String METADATA_ROUTE = "client-metadata";

  /**
   * The client metadata document at {@link #metadataPath()}, naming the app by its configured base
   * URL, never by the request's Host; and the app-password form ({@link PasswordLogin}), which
   * finishes as the callback does.
   */
  @Override
  public List<SiteRoute> routes(SiteRoute.Context context) {
    PasswordLogin password = new PasswordLogin(this, context);
    return List.of(
        new SiteRoute(
            METADATA_ROUTE,
            metadataPath(),
            List.of("GET"),
            Duration.ofHours(1),
            request -> metadataDocument(context.baseUrl(), request)),
        new SiteRoute(
            PASSWORD_ROUTE,
            context.path(PASSWORD_ROUTE, "/" + name() + "/password"),
            List.of("POST", "GET"),
            null,
            password::handle));
  }

  /** The client metadata for a request to the app; a plain-text 400 for another host. */
  private WebResponse metadataDocument(BaseUrl baseUrl, WebRequest request) {
    try {
      return new WebResponse.Page(
          200, "application/json", clientMetadata(baseUrl.forRequest(request)), List.of());
    } catch (LoginException e) {
      return WebResponse.Page.text(e.status(), e.getMessage());
    }
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    return oauth.authorize(request);
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    return oauth.complete(request);
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
   * @throws org.oauthdropins.errors.BadRequestException if the handle is unusable or the password
   *     is wrong
   * @throws ProviderException if the PDS fails
   */
  public BlueskyAuth passwordLogin(String identifier, String password, AuthStore store) {
    return passwordLogin(identifier, password, store, FetchBudget.NONE);
  }

  /** {@link #passwordLogin(String, String, AuthStore)} within a browser request's time budget. */
  BlueskyAuth passwordLogin(
      String identifier, String password, AuthStore store, FetchBudget budget) {
    AuthRecord stored =
        store.put(session.login(chain.handle(identifier), password, kind(), name(), budget));
    return entity(stored, store);
  }

  /**
   * How a stored login's requests reach its PDS: an OAuth login's with a proof of its DPoP key, as
   * the pipeline signs them. A store in the Python library's layout reads the key from Python's
   * {@code dpop_token}; an OAuth login stored without one loads, and its calls fail at the PDS
   * until the user logs in again.
   */
  @Override
  protected HttpTransport transport(AuthRecord record) {
    return oauth.transport(record);
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    if (!(record.token() instanceof AccessToken.Bearer t)) {
      throw new IllegalStateException("no token stored for " + record.key());
    }
    return call.header(
        "Authorization", (AtprotoIdentity.isOAuth(record) ? "DPoP " : "Bearer ") + t.value());
  }

  /**
   * Spends the single-use refresh token for new tokens. Bluesky rotates refresh tokens, so the
   * caller must store the answer at once ({@link AuthEntity} does, and serializes refreshes).
   */
  @Override
  protected boolean revokeAtServer(AuthRecord record, AuthStore store, Revocation how) {
    return AtprotoIdentity.isOAuth(record)
        ? oauth.revoke(record, store, how)
        : session.delete(record);
  }

  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    if (record.refreshToken() == null) {
      return Optional.empty();
    }
    return AtprotoIdentity.isOAuth(record)
        ? oauth.refresh(record, store)
        : Optional.of(session.refresh(record));
  }

  /** Configures {@link Bluesky}. */
  public static final class Builder extends AbstractSite.Builder<BlueskyAuth, Builder> {
    private URI plc;
    private TxtResolver txt = TxtResolver.dns();
    private boolean devMode;
    private URI devPds;
    private String appView;
    private String clientName = "oauth-dropins";
    private String metadataPath = METADATA_PATH;
    private String callbackPath = CALLBACK_PATH;

    private Builder() {
      super("bluesky", "BlueskyAuth", BlueskyAuth::new);
      button(new Button("Sign in with Bluesky", "#1185fe", "#ffffff", "handle", "Bluesky handle"));
      // A public client: atproto servers know the app by its client metadata URL, made from the
      // app's base URL at each login, and there is no secret.
      credentials(new Credentials("", ""));
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * The PLC directory that resolves {@code did:plc}: {@code https://plc.directory} by default, or
     * in development mode with a PDS ({@link #devMode(URI)}) the one that PDS uses.
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

    /** The site with these settings. */
    public Bluesky build() {
      return new Bluesky(this);
    }

    private static String stripSlash(String s) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
  }
}
