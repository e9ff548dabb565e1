package org.oauthdropins.sites.indieauth;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.Steps;
import org.oauthdropins.http.GuardedTransport;

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
 * <p>Every fetch of the user's site and server goes through the SSRF guard. The site is an {@link
 * OAuth2Site}: the one OAuth 2 pipeline runs it, given IndieAuth's parts (the server the profile
 * URL declares, the client id URL, the vouched-for profile).
 *
 * <p>Revocation: RFC 7009 at the {@code revocation_endpoint} of the issuer's RFC 8414 metadata. A
 * login redeemed for the profile alone holds no token; one whose server publishes its metadata
 * elsewhere, or names no endpoint, is deleted here only.
 */
public final class IndieAuthSite {

  /** Lists IndieAuth for apps and the demo; it needs no credentials. */
  public static final SiteFactory FACTORY =
      new SiteFactory("indieauth", null, null, IndieAuthSite::create);

  /**
   * What a login's callback needed before IndieAuth ran on the pipeline, as the store kept it: the
   * site the user typed and the URLs seen while discovering it (a JSON array, the typed one first),
   * the client id, the server that was asked (its authorization endpoint, its token endpoint when
   * the code is redeemed there, its issuer), the scope, and the PKCE verifier. The pipeline reads
   * the same keys for the server and client; {@link VouchedProfile} reads this for the rest, so
   * that a login started before an upgrade still finishes after it.
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

  private IndieAuthSite() {}

  /**
   * IndieAuth with the given options. The client id is the options' credentials' client id if
   * given, else {@code indieauth_client_id} from the environment or a file, else derived from each
   * start request.
   */
  public static OAuth2Site<IndieAuth> create(SiteOptions o) {
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
    return new Builder(o).clientId(id);
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

  /** Configures IndieAuth. Every setter replaces; nothing is built lazily. */
  public static final class Builder {
    private final SiteOptions options;
    private String clientId;
    private URI fallbackService;
    private Clock clock = Clock.systemUTC();
    private String name = "indieauth";
    private String kind = "IndieAuth";
    private java.util.function.UnaryOperator<String> typed =
        java.util.function.UnaryOperator.identity();
    private Button button =
        new Button("Sign in with your web site", "#ebebeb", "#222222", "me", "example.com");

    private Builder(SiteOptions o) {
      this.options = Objects.requireNonNull(o, "options");
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

    /**
     * The site's name and its logins' kind, {@code indieauth} and {@code IndieAuth} unless a button
     * for one IndieAuth provider (micro.blog) mounts it under its own: its paths, button, and the
     * kind its {@link IndieAuth} entities are stored under (keyed by the profile URL).
     */
    public Builder name(String n, String entityKind) {
      this.name = Objects.requireNonNull(n, "name");
      this.kind = Objects.requireNonNull(entityKind, "kind");
      return this;
    }

    /**
     * Turns what the user typed into the web site to sign in with, before it is canonicalized: the
     * identity by default; micro.blog's button makes a bare username the user's micro.blog site.
     */
    public Builder typedSite(java.util.function.UnaryOperator<String> f) {
      this.typed = Objects.requireNonNull(f, "typedSite");
      return this;
    }

    /** The clock, for tests of expiry. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** The login button; it asks for the user's web site ({@code me}). */
    public Builder button(Button b) {
      this.button = Objects.requireNonNull(b, "button");
      return this;
    }

    /** The site with these settings. */
    public OAuth2Site<IndieAuth> build() {
      return OAuth2Site.builder(name, kind)
          .button(button)
          .options(options)
          // Every fetch of the user's site and server goes through the SSRF guard.
          .transport(GuardedTransport.of(options.transport()))
          .clock(clock)
          .servers(new DeclaredServer(fallbackService, typed))
          .clients(new ClientIdUrl(clientId))
          .identity(new VouchedProfile())
          .defaultScopes(DeclaredServer.DEFAULT_SCOPES)
          // IndieAuth has neither: no server is asked to take a pushed request or a proof.
          .par(Steps.When.NEVER)
          .dpop(Steps.When.NEVER)
          // IndieAuth "Token Revocation": RFC 7009 at the metadata's revocation_endpoint, read
          // from the issuer's RFC 8414 metadata; a login redeemed for the profile alone has no
          // token, and a server whose metadata is elsewhere or names none is deleted here only.
          .revocation(Revocation.fromMetadata())
          .entity(IndieAuth::new)
          .build();
    }
  }
}
