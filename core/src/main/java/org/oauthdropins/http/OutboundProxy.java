package org.oauthdropins.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP proxy that outbound requests go through, if any: what an app behind a corporate proxy
 * needs for its logins to reach the sites. Both transports take one; {@link JdkTransport#shared()}
 * and the {@link GuardedTransport} guards take {@link #fromEnvironment()}.
 *
 * <p>The one place to configure it is the environment, with the variables that curl, Go, Python and
 * most container platforms already use: {@code HTTPS_PROXY} (for https destinations), {@code
 * HTTP_PROXY} (for http ones) and {@code NO_PROXY} (or their lower-case forms). The JVM's {@code
 * https.proxyHost} system properties are not read, so that one setting decides, and so that a proxy
 * meant for something else in the JVM does not silently carry the logins. Code that builds its own
 * transport passes an {@code OutboundProxy} explicitly ({@link #to(String)}).
 *
 * <p>https destinations are reached through a {@code CONNECT} tunnel, so the proxy never sees the
 * requests, tokens or answers; TLS is end to end with the site. A proxy URL is {@code
 * http://host:port} (or {@code host:port}); proxy credentials and TLS to the proxy are not
 * supported. {@code NO_PROXY} is a comma-separated list of host names (each also matching its
 * subdomains; a leading dot is allowed), IP addresses, or {@code *} for every host; a port on an
 * entry is ignored, and an address range ({@code 10.0.0.0/8}, {@code fd00::/8}) matches
 * destinations written as an address in it (host names are not resolved to match one). Taken from
 * the environment, loopback destinations ({@code localhost}, {@code 127.0.0.1}, {@code ::1}) always
 * go direct, as Go's proxy support does, so a development proxy setting never reroutes a local test
 * server.
 */
public final class OutboundProxy {

  /** No proxy: every request goes direct. */
  public static final OutboundProxy NONE = new OutboundProxy(null, null, List.of());

  private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

  private static final OutboundProxy ENVIRONMENT = fromEnvironment(System.getenv());

  private final InetSocketAddress https;
  private final InetSocketAddress http;
  private final List<String> noProxy;

  private OutboundProxy(InetSocketAddress https, InetSocketAddress http, List<String> noProxy) {
    this.https = https;
    this.http = http;
    this.noProxy = List.copyOf(noProxy);
  }

  /** The proxy the process environment names, read once at startup; {@link #NONE} if none. */
  public static OutboundProxy fromEnvironment() {
    return ENVIRONMENT;
  }

  /**
   * The proxy the given environment names ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code
   * NO_PROXY}, upper case first, then lower case).
   *
   * @throws IllegalArgumentException if a proxy variable is not a usable proxy URL
   */
  public static OutboundProxy fromEnvironment(Map<String, String> env) {
    String httpsUrl = variable(env, "HTTPS_PROXY");
    String httpUrl = variable(env, "HTTP_PROXY");
    if (httpsUrl == null && httpUrl == null) {
      return NONE;
    }
    List<String> noProxy = new ArrayList<>(LOOPBACK);
    noProxy.addAll(entries(Objects.requireNonNullElse(variable(env, "NO_PROXY"), "")));
    return new OutboundProxy(
        httpsUrl == null ? null : address(httpsUrl, "HTTPS_PROXY"),
        httpUrl == null ? null : address(httpUrl, "HTTP_PROXY"),
        noProxy);
  }

  /**
   * Every destination, http and https, loopback included, through the proxy at this URL ({@code
   * http://host:port}).
   *
   * @throws IllegalArgumentException if it is not a usable proxy URL
   */
  public static OutboundProxy to(String proxyUrl) {
    InetSocketAddress a = address(proxyUrl, "the proxy URL");
    return new OutboundProxy(a, a, List.of());
  }

  /** This proxy, with these hosts (a {@code NO_PROXY} list) reached directly. */
  public OutboundProxy withNoProxy(String list) {
    List<String> all = new ArrayList<>(noProxy);
    all.addAll(entries(Objects.requireNonNullElse(list, "")));
    return new OutboundProxy(https, http, all);
  }

  /** The proxy to reach this URL through, or empty to connect directly. */
  public Optional<InetSocketAddress> forDestination(URI uri) {
    InetSocketAddress proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    if (proxy == null || uri.getHost() == null || bypassed(uri.getHost())) {
      return Optional.empty();
    }
    return Optional.of(proxy);
  }

  /** Whether any destination goes through a proxy. */
  public boolean isNone() {
    return https == null && http == null;
  }

  private boolean bypassed(String rawHost) {
    String host = bare(rawHost).toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    for (String entry : noProxy) {
      if (entry.equals("*") || host.equals(entry) || host.endsWith("." + entry)) {
        return true;
      }
      if (entry.contains("/") && inRange(host, entry)) {
        return true;
      }
    }
    return false;
  }

  private static String variable(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      v = env.get(name.toLowerCase(Locale.ROOT));
    }
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static List<String> entries(String list) {
    List<String> out = new ArrayList<>();
    for (String raw : list.split(",")) {
      String e = raw.strip().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      if (e.startsWith("[")) {
        e = e.substring(1, Math.max(1, e.indexOf(']')));
      } else if (e.indexOf(':') == e.lastIndexOf(':') && e.contains(":")) {
        e = e.substring(0, e.indexOf(':')); // host:port; an IPv6 address has several colons
      }
      while (e.startsWith(".")) {
        e = e.substring(1);
      }
      if (e.startsWith("*.")) {
        e = e.substring(2);
      }
      out.add(e);
    }
    return out;
  }

  /**
   * Whether an IP literal destination lies in a {@code NO_PROXY} address range ({@code 10.0.0.0/8},
   * {@code fd00::/8}), as Go and curl read them. Host names are never resolved here: a range
   * matches only a destination written as an address.
   */
  private static boolean inRange(String host, String cidr) {
    int slash = cidr.indexOf('/');
    byte[] net = literal(cidr.substring(0, slash));
    byte[] addr = literal(host);
    int bits;
    try {
      bits = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    if (net == null || addr == null || net.length != addr.length || bits < 0) {
      return false;
    }
    if (bits > net.length * 8) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of an IPv4 dotted quad or an IPv6 literal, or null for anything else. */
  private static byte[] literal(String s) {
    if (!s.contains(":") && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    }
    try {
      // A literal only (checked above), so this parses and never looks anything up.
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** Parses a proxy URL; a message never quotes it, since it might hold a password. */
  private static InetSocketAddress address(String url, String what) {
    URI u;
    try {
      u = URI.create(url.contains("://") ? url : "http://" + url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not a URL");
    }
    if (u.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          what + " holds credentials; proxy authentication is not supported");
    }
    if (!"http".equalsIgnoreCase(u.getScheme())) {
      throw new IllegalArgumentException(
          what + " must be an http:// proxy URL (a proxy spoken to in plain HTTP)");
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException(what + " names no host");
    }
    int port = u.getPort() == -1 ? 80 : u.getPort();
    return InetSocketAddress.createUnresolved(bare(u.getHost()), port);
  }

  @Override
  public String toString() {
    if (isNone()) {
      return "OutboundProxy[none]";
    }
    return "OutboundProxy[https via "
        + https
        + ", http via "
        + http
        + ", direct for "
        + noProxy
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboundProxy p
        && Objects.equals(https, p.https)
        && Objects.equals(http, p.http)
        && noProxy.equals(p.noProxy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(https, http, noProxy);
  }
}
