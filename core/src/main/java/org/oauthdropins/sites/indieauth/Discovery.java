package org.oauthdropins.sites.indieauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.internal.http.Json;

/**
 * Finds a profile URL's authorization server (IndieAuth §4.1): the {@code indieauth-metadata} link
 * (HTTP {@code Link} header first, then the first HTML {@code <link>}), its metadata document, and
 * failing that the legacy {@code authorization_endpoint} and {@code token_endpoint} links. Relative
 * URLs are resolved against the final URL after redirects. Every fetch goes through the guard.
 */
final class Discovery {

  /**
   * An authorization server as a profile URL declares it.
   *
   * @param issuer the metadata's issuer, or null for legacy discovery
   * @param authorizationEndpoint where to send the browser and redeem profile-only codes
   * @param tokenEndpoint where to redeem codes for tokens, or null if there is none
   */
  record Server(String issuer, URI authorizationEndpoint, URI tokenEndpoint) {
    /**
     * Whether this declared server is exactly the one that answered (IndieAuth §5.4, "Authorization
     * Server Confirmation"): the same issuer (or none on both sides), the same authorization
     * endpoint, and, when the answer came from a token endpoint, the same token endpoint. With a
     * scope beyond {@code profile} it is the token endpoint that vouches for {@code me}, so a page
     * that borrows somebody's authorization endpoint but names its own token endpoint must not be
     * able to vouch for that somebody.
     *
     * @param answered the server the login ran against; its token endpoint is null if the code was
     *     redeemed at the authorization endpoint
     */
    boolean confirms(Server answered) {
      return Objects.equals(issuer, answered.issuer)
          && authorizationEndpoint.equals(answered.authorizationEndpoint)
          && (answered.tokenEndpoint == null || answered.tokenEndpoint.equals(tokenEndpoint));
    }
  }

  /**
   * What a profile page said.
   *
   * @param server its authorization server
   * @param seen the URLs fetched on the way: the redirects and the final URL
   * @param page the final response
   */
  record Found(Server server, List<URI> seen, HttpResult page) {}

  /** Thrown when the page declares no authorization server or its metadata is unusable. */
  static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  private Discovery() {}

  /**
   * What a profile URL declares.
   *
   * @param fallback the server for a page that declares none (an app's hosted service), or null to
   *     refuse such a page; a page that declares a server, even an unusable one, never falls back
   */
  static Found discover(URI profile, GuardedTransport transport, Server fallback)
      throws IOException, NotFound {
    List<URI> seen = new ArrayList<>();
    HttpResult page =
        transport.send(
            HttpCall.get(profile)
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"),
            seen);
    seen.add(page.uri());
    if (!page.ok()) {
      throw new NotFound(profile.getHost() + " answered HTTP " + page.status());
    }
    Document html = html(page);
    URI metadata = link(page, html, "indieauth-metadata");
    if (metadata != null) {
      return new Found(metadata(metadata, transport), List.copyOf(seen), page);
    }
    URI auth = link(page, html, "authorization_endpoint");
    if (auth == null && fallback != null) {
      return new Found(fallback, List.copyOf(seen), page);
    }
    if (auth == null) {
      throw new NotFound("no IndieAuth server is declared at " + page.uri());
    }
    return new Found(
        new Server(null, auth, link(page, html, "token_endpoint")), List.copyOf(seen), page);
  }

  /** The page's HTML, or null if it is not HTML. */
  static Document html(HttpResult page) {
    String type = page.header("content-type");
    if (type == null || !type.toLowerCase(Locale.ROOT).contains("html")) {
      return null;
    }
    return Jsoup.parse(page.text(), page.uri().toString());
  }

  private static Server metadata(URI url, GuardedTransport transport) throws IOException, NotFound {
    HttpResult r = transport.send(HttpCall.get(url).header("Accept", "application/json"));
    JsonNode m;
    try {
      m = r.ok() ? r.json() : null;
    } catch (IllegalArgumentException e) {
      m = null;
    }
    if (m == null || !m.isObject()) {
      throw new NotFound("the IndieAuth metadata at " + url.getHost() + " is unusable");
    }
    String issuer = Json.text(m, "issuer");
    URI auth = absolute(Json.text(m, "authorization_endpoint"));
    URI token = absolute(Json.text(m, "token_endpoint"));
    if (!validIssuer(issuer, url, transport.policy().allowHttp()) || auth == null) {
      throw new NotFound("the IndieAuth metadata at " + url.getHost() + " is invalid");
    }
    boolean s256 = false;
    for (JsonNode method : m.path("code_challenge_methods_supported")) {
      s256 |= "S256".equals(method.asText());
    }
    if (!s256) {
      throw new NotFound("the IndieAuth server at " + url.getHost() + " does not offer PKCE S256");
    }
    return new Server(issuer, auth, token);
  }

  /**
   * Whether a metadata document's issuer may speak for the URL it was fetched from (IndieAuth §3.1,
   * "Issuer Identifier", and §4.1.1 with RFC 8414 §2): an https URL (http only where the app opted
   * in, for development) with no query, fragment or user info, on the metadata URL's origin, and a
   * prefix of the metadata URL that ends on a path boundary. A bare string prefix is not enough:
   * {@code https://as.example} is a prefix of {@code https://as.example.evil.net/...} and {@code
   * https://as.example/alice} of {@code https://as.example/alicemallory/...}, and either would let
   * one server borrow another's issuer, which is what identifies it (§5.4, RFC 9207).
   */
  static boolean validIssuer(String issuer, URI metadata, boolean httpAllowed) {
    if (issuer == null || !metadata.toString().startsWith(issuer)) {
      return false;
    }
    URI u;
    try {
      u = new URI(issuer);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || httpAllowed && scheme.equals("http"))
        || u.getRawQuery() != null
        || u.getRawFragment() != null
        || u.getRawUserInfo() != null
        || u.getHost() == null
        || !sameOrigin(u, metadata)) {
      return false;
    }
    // The path boundary: the issuer's path is the metadata path, or a whole-segment prefix of it.
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    String metadataPath = metadata.getRawPath() == null ? "" : metadata.getRawPath();
    return path.isEmpty()
        || path.endsWith("/") && metadataPath.startsWith(path)
        || metadataPath.equals(path)
        || metadataPath.startsWith(path + "/");
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost() == null ? "" : b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static URI absolute(String s) {
    if (s == null) {
      return null;
    }
    try {
      URI u = new URI(s);
      String scheme = u.getScheme();
      return u.isAbsolute() && ("https".equals(scheme) || "http".equals(scheme)) ? u : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** The first link with a rel: Link headers first, then HTML {@code <link>} elements. */
  private static URI link(HttpResult page, Document html, String rel) {
    for (LinkHeader.Link l : LinkHeader.parse(page.headers().getOrDefault("link", List.of()))) {
      if (l.rels().contains(rel)) {
        URI u = resolve(page.uri(), l.target());
        if (u != null) {
          return u;
        }
      }
    }
    if (html != null) {
      for (Element e : html.select("link[rel][href]")) {
        if (List.of(e.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")).contains(rel)) {
          URI u = absolute(e.absUrl("href"));
          if (u != null) {
            return u;
          }
        }
      }
    }
    return null;
  }

  private static URI resolve(URI base, String ref) {
    try {
      return absolute(base.resolve(ref).toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
