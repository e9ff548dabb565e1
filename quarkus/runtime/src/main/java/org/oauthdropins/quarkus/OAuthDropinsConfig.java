package org.oauthdropins.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code oauth-dropins.*} properties of {@code application.properties}, named as the Spring
 * Boot starter names them, so that an app moves between the two without renaming anything.
 */
@ConfigMapping(prefix = "oauth-dropins")
public interface OAuthDropinsConfig {

  /**
   * The app's public base URL, e.g. {@code https://app.example}; without it (and without {@code
   * OAUTH_DROPINS_BASE_URL}) logins are served on localhost only.
   */
  Optional<String> baseUrl();

  /** Where a site's login form posts; {@code {site}} is the site's name. */
  @WithDefault("/{site}/start")
  String startPath();

  /** Where a site sends the browser back; {@code {site}} is the site's name. */
  @WithDefault("/{site}/oauth_callback")
  String callbackPath();

  /** Where the app's Bluesky app-password form posts; {@code {site}} is the site's name. */
  @WithDefault("/{site}/password")
  String passwordPath();

  /**
   * Where the browser goes at the end of a login, with {@code auth_entity} and {@code state} in the
   * query (unless the app has a {@code Finish} bean).
   */
  @WithDefault("/")
  String finishPath();

  /** Where the sites' button images are served. */
  @WithDefault("/oauth_dropins")
  String buttonPath();

  /**
   * Runs every configured site against its testkit fake in this process, with no credentials: for
   * dev mode. Refused unless the base URL is a loopback one; needs oauth-dropins-testkit.
   */
  @WithDefault("false")
  boolean sandbox();

  /**
   * The sites, by name: a shipped site ({@code github}, {@code google}...) or any other name with
   * an {@code issuer} for a generic OpenID Connect provider.
   */
  Map<String, SiteConfig> sites();

  /** Where logins are kept. */
  StoreConfig store();

  /**
   * The key ring that seals tokens at rest and the logins cookie, in its text form: {@code <id>:<32
   * bytes in base64>} per key, separated by commas, the sealing key first. A {@code KeySource} bean
   * of the app's wins over it. Unset: {@code keys-file}, then the environment variable {@code
   * OAUTH_DROPINS_KEYS} or the file {@code oauth_dropins_keys} of the working directory, then, for
   * the embedded store only, a key file made beside its database. A store on the app's datasource
   * without any of them fails the start-up.
   */
  Optional<String> keys();

  /** A file holding the key ring's text form, e.g. a mounted secret. */
  Optional<Path> keysFile();

  /** The cookie that lists the logins made in a browser. */
  LoginsConfig logins();

  /**
   * Where a login waits between its start and its callback: {@code cookie} (the default) seals it
   * in a cookie of its own, so that a start writes nothing to the store; {@code store} keeps it in
   * the store, for a store without a key ring.
   */
  @WithDefault("cookie")
  String pendingLogins();

  /** The disconnect route every site serves (revoke at the site, then delete the login). */
  DisconnectConfig disconnect();

  /** The disconnect route; see the Spring Boot starter's {@code oauth-dropins.disconnect.*}. */
  interface DisconnectConfig {

    /** Where a site's disconnect form posts; {@code {site}} is the site's name. */
    @WithDefault("/{site}/disconnect")
    String path();

    /**
     * Whether a login is deleted even when its site could not confirm the revocation (network,
     * 5xx): by default such a disconnect answers 502 and keeps the login.
     */
    @WithDefault("false")
    boolean deleteEvenIfRevocationFails();
  }

  /** The logins cookie. */
  interface LoginsConfig {

    /**
     * How long a list of logins stays valid after the browser last wrote it (every login and logout
     * writes it again): a copied cookie stops working after it. At most 400 days.
     */
    @WithDefault("30d")
    Duration maxAge();
  }

  /** One site; see the Spring Boot starter's {@code SiteProperties} for the same keys. */
  interface SiteConfig {

    /** False to leave a configured site out; true to mount a site that needs no credentials. */
    Optional<Boolean> enabled();

    /** The app's client id (OAuth 1: consumer key) at the site. */
    Optional<String> clientId();

    /** The app's client secret; empty for public clients. */
    Optional<String> clientSecret();

    /** Scopes to ask for besides the site's defaults. */
    Optional<List<String>> scopes();

    /** The only scopes a login form may add; unset, any well-formed scope. */
    Optional<List<String>> allowedScopes();

    /**
     * The site's base URLs to replace, by name ({@code web}, {@code api}; {@code all}: every one).
     */
    Map<String, String> baseUrls();

    /** For a site the library does not ship: the issuer of an OpenID Connect provider. */
    Optional<String> issuer();
  }

  /** Where logins are kept. */
  interface StoreConfig {

    /**
     * Whether the JDBC store creates its tables; false when the app's migrations (Flyway,
     * Liquibase) do.
     */
    @WithDefault("true")
    boolean createSchema();

    /** The embedded store's directory, used when the app has no datasource. */
    @WithDefault("oauth-dropins-data")
    Path directory();
  }
}
