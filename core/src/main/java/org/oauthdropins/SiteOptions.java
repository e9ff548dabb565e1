package org.oauthdropins;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;

/**
 * What an app may change about a site without code: its base URLs (GitHub Enterprise, a test fake),
 * its credentials, and the HTTP transport. Every site's factory takes one.
 *
 * @param bases base URL overrides by name ({@code web}, {@code api}...); {@code *} overrides all
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

  /** These options with one base URL replaced, e.g. {@code withBase("web", "https://ghe.corp")}. */
  public SiteOptions withBase(String name, String url) {
    Map<String, URI> b = new HashMap<>(bases);
    b.put(name, URI.create(stripSlash(url)));
    return new SiteOptions(b, credentials, transport, listener);
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
   * A URL on one of the site's bases.
   *
   * @param name the base's name
   * @param defaultBase the real site's base, e.g. {@code https://api.github.com}
   * @param path the path on it, starting with {@code /}
   */
  public URI url(String name, String defaultBase, String path) {
    URI base = bases.getOrDefault(name, bases.get(ALL));
    return URI.create((base == null ? stripSlash(defaultBase) : base.toString()) + path);
  }

  /** The given credentials, or those in the environment or files; missing ones are an error. */
  public Credentials credentials(String idName, String secretName) {
    return credentials != null ? credentials : Credentials.require(idName, secretName);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
