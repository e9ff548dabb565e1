package org.oauthdropins.sites.indieauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;

/**
 * IndieAuth profile URLs (IndieAuth §3.2, §3.4): http or https, a path ({@code /} at least) with no
 * dot segments, no fragment, no user info, no port, and a domain name rather than an IP address.
 * Tests and the sandbox, which opt in to loopback, may also use a loopback host with a port.
 */
final class ProfileUrls {

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private ProfileUrls() {}

  /**
   * Canonicalizes what the user typed: a bare host gets a scheme, an empty path becomes {@code /},
   * the host is lower-cased. The scheme added is https, not the spec's http, because the SSRF guard
   * fetches only https unless the app opts in to http.
   *
   * @throws BadRequestException if it is not a profile URL
   */
  static URI canonical(String input, boolean loopbackAllowed) {
    String s = input.strip();
    if (s.isEmpty() || s.length() > 2000) {
      throw new BadRequestException("enter your web site, like example.com");
    }
    if (!s.contains("://")) {
      s = "https://" + s;
    }
    return parse(s, loopbackAllowed);
  }

  /**
   * Checks a profile URL a server returned.
   *
   * @throws IllegalArgumentException if it is not a profile URL
   */
  static URI returned(String url, boolean loopbackAllowed) {
    try {
      return parse(url, loopbackAllowed);
    } catch (BadRequestException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static URI parse(String s, boolean loopbackAllowed) {
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      throw new BadRequestException("not a web site address: " + ProviderException.clean(s));
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost() == null ? null : u.getHost().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || host == null) {
      throw new BadRequestException("not a web site address: " + ProviderException.clean(s));
    }
    if (u.getRawUserInfo() != null || u.getRawFragment() != null) {
      throw new BadRequestException("a profile URL has no user name, password or #fragment");
    }
    boolean loopback = loopbackAllowed && LOOPBACK.contains(host);
    if (u.getPort() != -1 && !loopback) {
      throw new BadRequestException("a profile URL has no port");
    }
    if ((host.startsWith("[") || host.matches("[0-9.]+")) && !loopback) {
      throw new BadRequestException("a profile URL names a domain, not an IP address");
    }
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new BadRequestException("a profile URL has no . or .. segments");
      }
    }
    String authority = host + (u.getPort() == -1 ? "" : ":" + u.getPort());
    return URI.create(
        scheme + "://" + authority + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
  }
}
