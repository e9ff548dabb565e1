package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.Credentials;
import org.oauthdropins.Html;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.Pkce;

/**
 * A fake IndieAuth server together with the home pages of its users, on one loopback server:
 *
 * <ul>
 *   <li>{@code /}: Alice's home page; announces the server with an HTTP {@code Link:
 *       rel="indieauth-metadata"} header, has a representative h-card (name, relative photo, url
 *       and uid) and {@code rel=me} links;
 *   <li>{@code /bob}: Bob's page, announcing the same server with an HTML {@code <link>};
 *   <li>{@code /legacy}: a page with only the legacy {@code authorization_endpoint} and {@code
 *       token_endpoint} links, relative;
 *   <li>{@code /plain}: Carol's page, with an h-card and {@code rel=me} links but no IndieAuth
 *       server: what a hosted service such as the Python library's fallback, indieauth.com, signs
 *       in;
 *   <li>{@code /moved}: a 301 to {@code /};
 *   <li>{@code /.well-known/oauth-authorization-server}: the metadata (issuer, endpoints, S256);
 *   <li>{@code /auth}: the authorization endpoint, which insists on {@code response_type=code}, URL
 *       client ids, a redirect URI on the client id's origin (it fetches no client metadata),
 *       {@code state} and PKCE S256, and answers with {@code code}, {@code state} and {@code iss}
 *       (also on deny); POSTed codes are redeemed here for the profile only;
 *   <li>{@code /token}: redeems codes for tokens (never without a scope), with expiring access
 *       tokens and rotating refresh tokens;
 *   <li>{@code /userinfo}: the profile for a valid Bearer token;
 *   <li>{@code /hosted/auth}: a hosted IndieAuth service's authorization endpoint ({@link
 *       #hostedService()}), for sites that declare no server of their own: the same checks and
 *       codes as {@code /auth}, but it vouches for whichever site the client names (a real service
 *       first makes the user prove they own it, e.g. through a {@code rel=me} link), declares no
 *       issuer and sends no {@code iss}.
 * </ul>
 *
 * Codes are single use, expire after 10 minutes, and must come back with the same client id,
 * redirect URI and a verifier that matches the challenge. {@link #returnMe(String)} makes the
 * server vouch for another {@code me}, for the attack tests.
 */
public final class FakeIndieAuth implements Fake {

  private record Grant(
      String clientId,
      String redirectUri,
      String challenge,
      String scope,
      String me,
      Instant expires) {}

  private record Issued(String clientId, String me, String scope) {}

  private final FakeServer server = new FakeServer();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final Map<String, Issued> refreshTokens = new ConcurrentHashMap<>();
  private final AtomicReference<String> returnMe = new AtomicReference<>();
  private final AtomicReference<FakeResponse> nextRedeemAnswer = new AtomicReference<>();

  private final String name;

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeIndieAuth() {
    this("indieauth");
  }

  /**
   * The same fake for a button over IndieAuth under another site name: micro.blog's ({@code
   * microblog}), whose hosted sites declare micro.blog's server as Alice's declares this one.
   */
  public static FakeIndieAuth microBlog() {
    return new FakeIndieAuth("microblog");
  }

  private FakeIndieAuth(String name) {
    this.name = name;
    server.route("/", r -> home());
    server.route("/bob", r -> bob());
    server.route("/legacy", r -> legacy());
    server.route("/plain", r -> plain());
    server.route(
        "/moved",
        r -> new FakeResponse(301, "text/plain", "", List.of(Map.entry("Location", "/"))));
    server.route(
        "/.well-known/oauth-authorization-server", r -> FakeResponse.json(200, metadata()));
    server.route("/auth", r -> auth(r, false));
    server.route("/hosted/auth", r -> auth(r, true));
    server.route("/token", this::token);
    server.route("/revoke", this::revoke);
    server.route("/userinfo", this::userinfo);
    server.route("/photo.jpg", r -> FakeResponse.text(200, "not really a photo"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public URI url() {
    return server.url();
  }

  /** The issuer: this server's URL with a trailing slash. */
  public String issuer() {
    return url() + "/";
  }

  /** Alice's profile URL. */
  public String alice() {
    return url() + "/";
  }

  /** IndieAuth clients are identified by their URL: there are no credentials. */
  @Override
  public Credentials credentials() {
    return new Credentials("", "");
  }

  /** The guard opted in to http and loopback; no client id, so the app's origin is used. */
  @Override
  public SiteOptions options() {
    return new SiteOptions(Map.of(), null, GuardedTransport.localDevelopment());
  }

  /** Alice's home page, as a user would type it. */
  @Override
  public Map<String, String> startParams() {
    return Map.of("me", alice());
  }

  /** Carol's profile URL: a page that declares no IndieAuth server. */
  public String carol() {
    return url() + "/plain";
  }

  /**
   * The authorization endpoint of the hosted IndieAuth service this fake also plays, for {@code
   * IndieAuthSite.Builder#fallbackService}.
   */
  public URI hostedService() {
    return URI.create(url() + "/hosted/auth");
  }

  /** Makes the server vouch for this profile URL from now on (null: the user's own). */
  public void returnMe(String me) {
    returnMe.set(me);
  }

  /** Makes the next code redemption get this answer instead. */
  public void failNextRedeem(FakeResponse answer) {
    nextRedeemAnswer.set(answer);
  }

  private FakeResponse home() {
    String page =
        "<!doctype html><html><head><title>Alice</title></head><body>"
            + "<div class=\"h-card\"><img class=\"u-photo\" src=\"/photo.jpg\" alt=\"\">"
            + "<a class=\"p-name u-url u-uid\" href=\""
            + Html.escape(alice())
            + "\">Alice Example</a>"
            + "<p class=\"p-note\">Writes things.</p>"
            + "<div class=\"h-card p-org\"><span class=\"p-name\">Nested Org</span></div></div>"
            + "<a rel=\"me\" href=\"https://github.com/alice\">GitHub</a> "
            + "<a rel=\"me authn\" href=\"https://mastodon.example/@alice\">Mastodon</a>"
            + "</body></html>";
    return FakeResponse.html(page)
        .header(
            "Link",
            "<" + url() + "/.well-known/oauth-authorization-server>; rel=\"indieauth-metadata\"");
  }

  private FakeResponse bob() {
    return FakeResponse.html(
        "<!doctype html><html><head>"
            + "<link rel=\"indieauth-metadata\" href=\"/.well-known/oauth-authorization-server\">"
            + "</head><body><p class=\"h-card\"><a class=\"u-url p-name\" href=\"/bob\">Bob</a>"
            + "</p></body></html>");
  }

  private FakeResponse legacy() {
    return FakeResponse.html(
        "<!doctype html><html><head>"
            + "<link rel=\"authorization_endpoint\" href=\"auth\">"
            + "<link rel=\"token_endpoint\" href=\"/token\">"
            + "</head><body><div class=\"h-card\"><span class=\"p-name\">Lee Gacy</span>"
            + "<a class=\"u-url u-uid\" href=\"/legacy\">home</a></div></body></html>");
  }

  private FakeResponse plain() {
    return FakeResponse.html(
        "<!doctype html><html><head><title>Carol</title></head><body>"
            + "<div class=\"h-card\"><a class=\"p-name u-url u-uid\" href=\"/plain\">Carol Plain</a>"
            + "</div><a rel=\"me\" href=\"https://github.com/carol\">GitHub</a></body></html>");
  }

  private ObjectNode metadata() {
    ObjectNode m = Json.object();
    m.put("issuer", issuer());
    m.put("authorization_endpoint", url() + "/auth");
    m.put("token_endpoint", url() + "/token");
    m.put("revocation_endpoint", url() + "/revoke");
    m.put("userinfo_endpoint", url() + "/userinfo");
    m.putArray("code_challenge_methods_supported").add("S256");
    m.putArray("scopes_supported").add("profile").add("email").add("create").add("update");
    m.put("authorization_response_iss_parameter_supported", true);
    return m;
  }

  /**
   * The authorization endpoint: the user's own server's, or, {@code hosted}, a hosted service's
   * that vouches for the site the client names and has no issuer.
   */
  private FakeResponse auth(FakeRequest r, boolean hosted) {
    if ("POST".equals(r.method()) && r.param("grant_type").isPresent()) {
      return redeem(r, false);
    }
    Map<String, String> p = r.params();
    URI client = url(p.get("client_id"));
    URI redirect = url(p.get("redirect_uri"));
    if (client == null || redirect == null) {
      return FakeResponse.text(400, "client_id and redirect_uri must be URLs\n");
    }
    if (!client.getScheme().equals(redirect.getScheme())
        || !client.getRawAuthority().equals(redirect.getRawAuthority())) {
      return FakeResponse.text(400, "redirect_uri is not on the client_id's origin\n");
    }
    String issuer = hosted ? null : issuer();
    if (!"code".equals(p.get("response_type"))) {
      return back(p.get("redirect_uri"), p.get("state"), "unsupported_response_type", issuer);
    }
    if (p.get("state") == null
        || p.get("code_challenge") == null
        || !Pkce.METHOD.equals(p.get("code_challenge_method"))
        || hosted && url(p.get("me")) == null) {
      return back(p.get("redirect_uri"), p.get("state"), "invalid_request", issuer);
    }
    String me = hosted ? p.get("me") : me(p.get("me"));
    if (!"POST".equals(r.method())) {
      return Consent.page("IndieAuth", me, r.uri().getPath(), p);
    }
    Map<String, String> q = new LinkedHashMap<>();
    if ("approve".equals(p.get("decision"))) {
      String code = Secrets.random(24);
      String vouched = returnMe.get() != null ? returnMe.get() : me;
      codes.put(
          code,
          new Grant(
              p.get("client_id"),
              p.get("redirect_uri"),
              p.get("code_challenge"),
              p.get("scope"),
              vouched,
              Instant.now().plus(Duration.ofMinutes(10))));
      q.put("code", code);
    } else {
      q.put("error", "access_denied");
    }
    q.put("state", p.get("state"));
    q.put("iss", issuer);
    return FakeResponse.redirect(Form.appendQuery(p.get("redirect_uri"), q));
  }

  /** The user who approves: the page the client named, if it is one of ours, else Alice. */
  private String me(String requested) {
    for (String path : List.of("/", "/bob", "/legacy")) {
      if ((url() + path).equals(requested)) {
        return requested;
      }
    }
    return alice();
  }

  private FakeResponse back(String redirect, String state, String error, String issuer) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("error", error);
    q.put("state", state);
    q.put("iss", issuer);
    return FakeResponse.redirect(Form.appendQuery(redirect, q));
  }

  private FakeResponse redeem(FakeRequest r, boolean forToken) {
    FakeResponse injected = nextRedeemAnswer.getAndSet(null);
    if (injected != null) {
      return injected;
    }
    if (!"authorization_code".equals(r.param("grant_type").orElse(""))) {
      return error(400, "unsupported_grant_type");
    }
    Grant g = codes.remove(r.param("code").orElse(""));
    if (g == null
        || Instant.now().isAfter(g.expires())
        || !g.clientId().equals(r.param("client_id").orElse(null))
        || !g.redirectUri().equals(r.param("redirect_uri").orElse(null))) {
      return error(400, "invalid_grant");
    }
    Optional<String> verifier = r.param("code_verifier");
    if (verifier.isEmpty() || !Pkce.challenge(verifier.get()).equals(g.challenge())) {
      return error(400, "invalid_grant");
    }
    ObjectNode body = Json.object();
    List<String> scopes = g.scope() == null ? List.of() : Arrays.asList(g.scope().split(" "));
    if (forToken) {
      if (scopes.isEmpty()) {
        return error(400, "invalid_grant"); // §5.3.3: no scope, no access token
      }
      issue(body, new Issued(g.clientId(), g.me(), g.scope()));
    }
    body.put("me", g.me());
    if (scopes.contains("profile")) {
      ObjectNode profile = body.putObject("profile");
      profile.put("name", g.me().endsWith("/bob") ? "Bob" : "Alice Example");
      profile.put("url", g.me());
    }
    return FakeResponse.json(200, body).header("Cache-Control", "no-store");
  }

  private void issue(ObjectNode body, Issued issued) {
    String access = Secrets.random(24);
    String refresh = Secrets.random(24);
    tokens.put(access, issued);
    refreshTokens.put(refresh, issued);
    body.put("access_token", access);
    body.put("token_type", "Bearer");
    body.put("scope", issued.scope());
    body.put("expires_in", 3600);
    body.put("refresh_token", refresh);
  }

  private FakeResponse token(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return error(405, "invalid_request");
    }
    if ("refresh_token".equals(r.param("grant_type").orElse(""))) {
      Issued old = refreshTokens.remove(r.param("refresh_token").orElse(""));
      if (old == null || !old.clientId().equals(r.param("client_id").orElse(null))) {
        return error(400, "invalid_grant");
      }
      ObjectNode body = Json.object();
      issue(body, old);
      body.put("me", old.me());
      return FakeResponse.json(200, body);
    }
    return redeem(r, true);
  }

  /**
   * IndieAuth token revocation (RFC 7009, no client authentication): the token, access or refresh,
   * works no more; an unknown one is answered 200 too.
   */
  private FakeResponse revoke(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return error(405, "invalid_request");
    }
    String token = r.param("token").orElse("");
    tokens.remove(token);
    refreshTokens.remove(token);
    return FakeResponse.text(200, "");
  }

  private FakeResponse userinfo(FakeRequest r) {
    Issued t = tokens.get(String.valueOf(r.bearer()));
    if (t == null) {
      return FakeResponse.json(401, Map.of("error", "invalid_token"));
    }
    return FakeResponse.json(200, Map.of("name", "Alice Example", "url", t.me()));
  }

  private static FakeResponse error(int status, String error) {
    return FakeResponse.json(status, Map.of("error", error));
  }

  private static URI url(String s) {
    if (s == null) {
      return null;
    }
    try {
      URI u = new URI(s);
      return u.isAbsolute()
              && u.getRawAuthority() != null
              && (u.getScheme().equals("http") || u.getScheme().equals("https"))
          ? u
          : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
