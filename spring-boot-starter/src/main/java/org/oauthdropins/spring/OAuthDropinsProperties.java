package org.oauthdropins.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code oauth-dropins.*} properties.
 *
 * @param baseUrl the app's public base URL, e.g. {@code https://app.example}; without it (and
 *     without {@code OAUTH_DROPINS_BASE_URL}) logins are served on localhost only. When it has no
 *     path and {@code server.servlet.context-path} is set, the context path is appended.
 * @param startPath where a site's login form posts; {@code {site}} is the site's name
 * @param callbackPath where a site sends the browser back; {@code {site}} is the site's name
 * @param passwordPath where the app's Bluesky app-password form posts ({@code username}, {@code
 *     password}, {@code state}); {@code {site}} is the site's name
 * @param finishPath where the browser goes at the end of a login, with {@code auth_entity} and
 *     {@code state} in the query (unless the app has a {@code Finish} bean)
 * @param buttonPath where the sites' button images are served
 * @param sites the sites, by id: a shipped site ({@code github}, {@code google_signin}, {@code
 *     gitlab}...; {@code Sites.ALL} lists them) or any other name with an {@code issuer} for a
 *     generic OpenID Connect provider. Any other name fails the start-up with the closest id.
 * @param store where logins are kept
 * @param security the Spring Security integration, used when Spring Security is present
 * @param sandbox development only: run every configured site (every shipped one if none is) against
 *     its testkit fake in this process, credentials or not, so that "Sign in with GitHub" works
 *     before any app is registered. Needs the testkit on the classpath and a loopback base URL;
 *     refused otherwise. Meant for a {@code dev} profile; never on by default.
 * @param keys the key ring that seals tokens at rest and the logins cookie, in its text form:
 *     {@code <id>:<32 bytes in base64>} per key, separated by commas, the sealing key first (e.g.
 *     {@code echo "1:$(openssl rand -base64 32)"} makes one). A {@code KeySource} bean of the app's
 *     wins over it. Unset: {@code keys-file}, then the environment variable {@code
 *     OAUTH_DROPINS_KEYS} or the file {@code oauth_dropins_keys} of the working directory, then,
 *     for the embedded store only, a key file made beside its database. A store on the app's
 *     DataSource (or Datastore) without any of them fails the start-up.
 * @param keysFile a file holding the key ring's text form, e.g. a mounted secret
 * @param logins the cookie that lists the logins made in a browser
 * @param pendingLogins where a login waits between its start and its callback: {@code cookie} (the
 *     default) seals it in a cookie of its own, so that a start writes nothing to the store; {@code
 *     store} keeps it in the store, for a store without a key ring
 * @param disconnect the disconnect route every site serves ({@code POST /{site}/disconnect})
 */
@ConfigurationProperties("oauth-dropins")
public record OAuthDropinsProperties(
    String baseUrl,
    @DefaultValue("/{site}/start") String startPath,
    @DefaultValue("/{site}/oauth_callback") String callbackPath,
    @DefaultValue("/{site}/password") String passwordPath,
    @DefaultValue("/") String finishPath,
    @DefaultValue("/oauth_dropins") String buttonPath,
    Map<String, SiteProperties> sites,
    @DefaultValue Store store,
    @DefaultValue Security security,
    @DefaultValue("false") boolean sandbox,
    String keys,
    Path keysFile,
    @DefaultValue LoginsCookie logins,
    @DefaultValue("cookie") PendingLogins pendingLogins,
    @DefaultValue Disconnect disconnect) {

  /** Makes the value, checking its components. */
  public OAuthDropinsProperties {
    sites = sites == null ? Map.of() : Map.copyOf(sites);
  }

  /** Without the keys themselves: they never reach a log. */
  @Override
  public String toString() {
    return "OAuthDropinsProperties[baseUrl="
        + baseUrl
        + ", sites="
        + sites.keySet()
        + ", store="
        + store
        + ", sandbox="
        + sandbox
        + ", keys="
        + (keys == null ? "unset" : "set")
        + ", keysFile="
        + keysFile
        + ", logins="
        + logins
        + ", pendingLogins="
        + pendingLogins
        + "]";
  }

  /**
   * The disconnect route: revokes a browser's login at its site and deletes it.
   *
   * @param path where a site's disconnect form posts ({@code auth_entity}, {@code state}); {@code
   *     {site}} is the site's name
   * @param deleteEvenIfRevocationFails whether a login is deleted even when the site could not be
   *     reached or did not confirm the revocation (its token may then stay valid until it expires);
   *     by default such a disconnect answers 502 and keeps the login
   */
  public record Disconnect(
      @DefaultValue("/{site}/disconnect") String path,
      @DefaultValue("false") boolean deleteEvenIfRevocationFails) {}

  /** The values of {@code oauth-dropins.pending-logins}. */
  public enum PendingLogins {
    /** Sealed in a cookie per login: {@link org.oauthdropins.PendingStorage#IN_COOKIE}. */
    COOKIE(org.oauthdropins.PendingStorage.IN_COOKIE),
    /** In the store: {@link org.oauthdropins.PendingStorage#IN_STORE}. */
    STORE(org.oauthdropins.PendingStorage.IN_STORE);

    private final org.oauthdropins.PendingStorage storage;

    PendingLogins(org.oauthdropins.PendingStorage storage) {
      this.storage = storage;
    }

    /** The library's setting for this value. */
    public org.oauthdropins.PendingStorage storage() {
      return storage;
    }
  }

  /**
   * The logins cookie.
   *
   * @param maxAge how long a list of logins stays valid after the browser last wrote it (every
   *     login and logout writes it again): a copied cookie stops working after it. At most 400
   *     days, the longest a browser keeps a cookie.
   */
  public record LoginsCookie(@DefaultValue("30d") Duration maxAge) {}

  /**
   * One site. A site is configured, and mounted, when any of its properties is set here or any of
   * its credentials is in the environment or the credential files the library reads ({@code
   * GITHUB_CLIENT_ID}...). A configured site must be mountable: a missing or half-given credential
   * pair fails the start-up, with every such problem of every site named at once in Spring Boot's
   * failure analysis. A site with nothing set is left out.
   *
   * @param enabled false to leave a configured site out; true to mount a site (one that needs
   *     credentials must then have them)
   * @param clientId the app's client id (OAuth 1: consumer key) at the site
   * @param clientSecret the app's client secret; empty for public clients
   * @param scopes scopes to ask for besides the site's defaults
   * @param allowedScopes the only scopes a login form's {@code scope} (a button's {@code scopes})
   *     may add; unset, any well-formed scope, as in the Python library
   * @param baseUrls the site's base URLs to replace, by name ({@code web}, {@code api}...; {@code
   *     all} replaces every one), e.g. for GitHub Enterprise
   * @param issuer for a site that the library does not ship: the issuer of an OpenID Connect
   *     provider, e.g. {@code https://sso.example.org/realms/main}; refused on a shipped site
   * @param allowLoopback tests and development only: let the site reach servers on loopback over
   *     plain http (a fake or local Mastodon instance, PDS or IndieAuth server), which the SSRF
   *     guard refuses otherwise. Refused unless the app's base URL is loopback too.
   */
  public record SiteProperties(
      Boolean enabled,
      String clientId,
      String clientSecret,
      List<String> scopes,
      List<String> allowedScopes,
      Map<String, String> baseUrls,
      String issuer,
      Boolean allowLoopback) {

    /** Makes the value, checking its components. */
    public SiteProperties {
      scopes = scopes == null ? List.of() : List.copyOf(scopes);
      allowedScopes = allowedScopes == null ? null : List.copyOf(allowedScopes);
      baseUrls = baseUrls == null ? Map.of() : Map.copyOf(baseUrls);
    }

    @Override
    public String toString() {
      return "SiteProperties[clientId=" + clientId + ", issuer=" + issuer + "]";
    }
  }

  /** Which store keeps logins. */
  public enum StoreType {
    /** The app's DataSource if it has one, else Datastore if configured, else embedded H2. */
    AUTO,
    /** The app's DataSource. */
    JDBC,
    /** Google Cloud Datastore (the oauth-dropins-datastore module). */
    DATASTORE,
    /** An H2 database in {@code oauth-dropins.store.directory}. */
    EMBEDDED
  }

  /**
   * Where logins are kept.
   *
   * @param type which store; an {@code AuthStore} bean of the app's wins over all of them
   * @param createSchema whether the JDBC store creates its tables; false when the app's migrations
   *     (Flyway, Liquibase) do
   * @param directory the embedded store's directory
   * @param datastoreProjectId the Google Cloud project of the Datastore store
   */
  public record Store(
      @DefaultValue("auto") StoreType type,
      @DefaultValue("true") boolean createSchema,
      @DefaultValue("oauth-dropins-data") Path directory,
      String datastoreProjectId) {}

  /**
   * The Spring Security integration.
   *
   * @param permitPaths whether the start, callback and button paths get a filter chain of their own
   *     that lets everyone in (start keeps Spring Security's CSRF check)
   * @param signIn whether a finished login also signs the user in to Spring Security, with a {@link
   *     DropinAuthentication}, before the redirect to the finish path
   */
  public record Security(
      @DefaultValue("true") boolean permitPaths, @DefaultValue("false") boolean signIn) {}
}
