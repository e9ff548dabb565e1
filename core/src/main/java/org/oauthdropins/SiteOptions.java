package org.oauthdropins;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;

/**
 * What an app may change about a site without code: its base URLs (GitHub Enterprise, a test fake),
 * its credentials, and the HTTP transport. Every site's factory takes one.
 *
 * @param bases base URL overrides by the names of the sites' {@link SiteBase}s ({@code web}, {@code
 *     api}...); {@code *} overrides all
 * @param credentials the app's credentials, or null to look them up from the environment and files
 * @param transport how the site is reached
 * @param listener hears the site's login events (start, callback, token refresh); {@link
 *     LoginListener#NONE} by default
 */
public record SiteOptions(
    Map<String, URI> bases,
    Credentials credentials,
    HttpTransport transport,
    LoginListener listener) {

  private static final String ALL = "*";

  /** Makes the value, checking its components. */
  public SiteOptions {
    bases = Map.copyOf(bases);
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(listener, "listener");
  }

  /** Options without a listener. */
  public SiteOptions(Map<String, URI> bases, Credentials credentials, HttpTransport transport) {
    this(bases, credentials, transport, LoginListener.NONE);
  }

  /** No overrides: the real site, credentials from the environment or files, the shared client. */
  public static SiteOptions defaults() {
    return new SiteOptions(Map.of(), null, JdkTransport.shared());
  }

  /**
   * These options with one base URL replaced by its name, as configuration gives it, e.g. {@code
   * withBase("web", "https://ghe.corp")}; code says which base with {@link #withBase(SiteBase,
   * String)}.
   */
  public SiteOptions withBase(String name, String url) {
    Map<String, URI> b = new HashMap<>(bases);
    b.put(name, URI.create(SiteBase.withoutSlash(url)));
    return new SiteOptions(b, credentials, transport, listener);
  }

  /**
   * These options with one of a site's base URLs replaced, e.g. {@code withBase(GitHub.WEB,
   * "https://ghe.corp")}.
   */
  public SiteOptions withBase(SiteBase base, String url) {
    return withBase(base.name(), url);
  }

  /** These options with every base URL replaced by one, as for a fake that serves them all. */
  public SiteOptions withAllBases(URI url) {
    return withBase(ALL, url.toString());
  }

  /** These options with the given credentials. */
  public SiteOptions withCredentials(Credentials c) {
    return new SiteOptions(bases, c, transport, listener);
  }

  /** These options with another transport. */
  public SiteOptions withTransport(HttpTransport t) {
    return new SiteOptions(bases, credentials, t, listener);
  }

  /**
   * These options with a listener for the site's login events: the one place to hook metrics or an
   * audit log into a site. {@link Start}, {@link Callback} and the site's stored logins report to
   * it unless a builder is given another.
   */
  public SiteOptions withListener(LoginListener l) {
    return new SiteOptions(bases, credentials, transport, l);
  }

  /**
   * A URL on one of the site's bases: on the override of its name, else on the one for all bases,
   * else on the real site.
   *
   * @param base the base, e.g. {@code GitHub.API}
   * @param path the path on it, starting with {@code /}, or empty for the base itself
   */
  public URI url(SiteBase base, String path) {
    return URI.create(moved(base).map(URI::toString).orElse(base.defaultUrl()) + path);
  }

  /** The override that moves this base (by its name, else the one for all), if any. */
  public Optional<URI> moved(SiteBase base) {
    return Optional.ofNullable(bases.getOrDefault(base.name(), bases.get(ALL)));
  }

  /** The given credentials, or those in the environment or files; missing ones are an error. */
  public Credentials credentials(String idName, String secretName) {
    return credentials != null ? credentials : Credentials.require(idName, secretName);
  }
}
