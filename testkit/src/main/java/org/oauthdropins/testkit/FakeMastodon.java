package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.Credentials;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.Pkce;

/**
 * A fake Mastodon instance: {@code /api/v1/instance}, app registration at {@code /api/v1/apps}
 * (several apps, each with its own id, secret, redirect URIs and scopes), {@code /oauth/authorize}
 * (consent form; the client id must be registered, the redirect URI one of the app's, the scopes a
 * subset of the app's, PKCE S256 if sent), {@code /oauth/token} (client id and secret in the body
 * or Basic; {@code invalid_client} for unknown apps; single-use codes bound to the app and redirect
 * URI; PKCE; {@code client_credentials} app tokens; no expiry, no refresh token), and {@code
 * verify_credentials} for accounts (user token with a read scope) and apps. {@link #forgetApps()}
 * makes it forget every registration, as instances before 4.3 did with unused apps. Its NodeInfo
 * ({@code /.well-known/nodeinfo} linking a 2.0 document, nodeinfo.diaspora.software protocol §2;
 * Mastodon serves it at {@code /nodeinfo/2.0}) names the software, {@code mastodon}.
 */
public class FakeMastodon implements InstanceFake {

  /** Scopes Mastodon knows (docs.joinmastodon.org api/oauth-scopes.md). */
  static final Set<String> MASTODON_SCOPES =
      Set.of(
          "read",
          "write",
          "push",
          "profile",
          "follow",
          "admin:read",
          "admin:write",
          "read:accounts",
          "read:blocks",
          "read:bookmarks",
          "read:favourites",
          "read:filters",
          "read:follows",
          "read:lists",
          "read:mutes",
          "read:notifications",
          "read:search",
          "read:statuses",
          "write:accounts",
          "write:blocks",
          "write:bookmarks",
          "write:conversations",
          "write:favourites",
          "write:filters",
          "write:follows",
          "write:lists",
          "write:media",
          "write:mutes",
          "write:notifications",
          "write:reports",
          "write:statuses");

  /**
   * GoToSocial's scopes (its internal/api/util/scopes.go): Mastodon's granular ones without {@code
   * follow}, with {@code read:applications}; an unknown one permits nothing.
   */
  static final Set<String> GOTOSOCIAL_SCOPES =
      Set.of(
          "profile",
          "push",
          "read",
          "write",
          "admin",
          "admin:read",
          "admin:write",
          "read:accounts",
          "write:accounts",
          "read:applications",
          "write:applications",
          "read:blocks",
          "write:blocks",
          "read:bookmarks",
          "write:bookmarks",
          "write:conversations",
          "read:favourites",
          "write:favourites",
          "read:filters",
          "write:filters",
          "read:follows",
          "write:follows",
          "read:lists",
          "write:lists",
          "write:media",
          "read:mutes",
          "write:mutes",
          "read:notifications",
          "write:notifications",
          "write:reports",
          "read:search",
          "read:statuses",
          "write:statuses");

  /** Pixelfed's Passport scopes. */
  static final Set<String> PIXELFED_SCOPES =
      Set.of(
          "read",
          "write",
          "follow",
          "push",
          "admin:read",
          "admin:read:domain_blocks",
          "admin:write",
          "admin:write:domain_blocks");

  private record App(
      String id,
      String clientId,
      String clientSecret,
      String name,
      List<String> redirectUris,
      Set<String> scopes) {}

  private record Grant(
      String clientId, String redirectUri, String challenge, String scope, Instant expires) {}

  private record Issued(String clientId, boolean user, String scope) {}

  /** The Mastodon-API softwares this fake can be, with what their NodeInfo says. */
  enum Software {
    MASTODON("mastodon", "/nodeinfo/2.0", "Mastodon", "4.3.2", MASTODON_SCOPES),
    PIXELFED(
        "pixelfed",
        "/api/nodeinfo/2.0.json",
        "Pixelfed",
        "3.5.3 (compatible; Pixelfed 0.12.5)",
        PIXELFED_SCOPES),
    GOTOSOCIAL(
        "gotosocial", "/nodeinfo/2.0", "GoToSocial", "0.20.1+git-4d1b9ad", GOTOSOCIAL_SCOPES),
    AKKOMA(
        "akkoma",
        "/nodeinfo/2.1.json",
        "Akkoma",
        "2.7.2 (compatible; Akkoma 3.15.2)",
        MASTODON_SCOPES),
    FRIENDICA(
        "friendica",
        "/nodeinfo/2.0",
        "Friendica",
        "2.8.0 (compatible; Friendica 2024.12)",
        MASTODON_SCOPES);

    final String nodeinfoName;
    final String nodeinfoPath;
    final String label;
    final String version;
    final Set<String> scopes;

    Software(
        String nodeinfoName,
        String nodeinfoPath,
        String label,
        String version,
        Set<String> scopes) {
      this.nodeinfoName = nodeinfoName;
      this.nodeinfoPath = nodeinfoPath;
      this.label = label;
      this.version = version;
      this.scopes = scopes;
    }

    /** Laravel Passport's and Akkoma's shape: expiring tokens with single-use refresh tokens. */
    boolean expiring() {
      return this == PIXELFED || this == AKKOMA;
    }
  }

  private final FakeServer server = new FakeServer();
  private final String siteName;
  private final Software software;
  private final boolean pixelfed;
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final Map<String, Issued> refreshTokens = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger revocations =
      new java.util.concurrent.atomic.AtomicInteger();
  private final AtomicInteger registrations = new AtomicInteger();
  private final AtomicReference<App> latest = new AtomicReference<>();
  private final AtomicReference<FakeResponse> nextTokenAnswer = new AtomicReference<>();
  private final List<String> registeredWebsites = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean forgetAtNextToken;
  private volatile boolean oauthDisabled;
  private volatile String nodeinfoSoftware;
  private volatile String nodeinfoHref;

  /** A fake Mastodon instance. */
  public FakeMastodon() {
    this(Software.MASTODON, "mastodon");
  }

  /**
   * A fake instance of this software, for the site of this name (the per-software site, or the
   * fediverse site that probes it).
   */
  FakeMastodon(Software software, String siteName) {
    this.software = software;
    this.siteName = siteName;
    this.pixelfed = software == Software.PIXELFED;
    server.route("/.well-known/nodeinfo", r -> FakeResponse.json(200, nodeinfoLinks()));
    server.route(software.nodeinfoPath, r -> FakeResponse.json(200, nodeinfo()));
    server.route("/api/v1/instance", r -> FakeResponse.json(200, instance()));
    server.route("/api/v1/apps", this::register);
    server.route("/oauth/authorize", this::authorize);
    server.route("/oauth/token", this::token);
    server.route("/oauth/revoke", this::revoke);
    server.route("/api/v1/accounts/verify_credentials", this::account);
    server.route("/api/v1/apps/verify_credentials", this::appCredentials);
  }

  @Override
  public String name() {
    return siteName;
  }

  @Override
  public URI url() {
    return server.url();
  }

  /**
   * There are no fixed app credentials: apps register. These are the latest registration's, or
   * empty ones before any.
   */
  @Override
  public Credentials credentials() {
    App app = latest.get();
    return app == null
        ? new Credentials("", "")
        : new Credentials(app.clientId(), app.clientSecret());
  }

  /** How many apps have registered so far. */
  public int registrations() {
    return registrations.get();
  }

  /** Forgets every app and its tokens, as an instance that removed unused apps. */
  public void forgetApps() {
    apps.clear();
    codes.clear();
    tokens.clear();
    refreshTokens.clear();
  }

  /**
   * Forgets every app just before the next token request, as an instance that removed the app while
   * a user was on its consent page: the token request, and any later one, gets {@code
   * invalid_client}.
   */
  public void forgetAppsAtNextToken() {
    forgetAtNextToken = true;
  }

  /** The latest registration's redirect URIs, as the instance keeps them. */
  public List<String> registeredRedirectUris() {
    App app = latest.get();
    return app == null ? List.of() : app.redirectUris();
  }

  /** The latest registration's scopes, as the instance keeps them. */
  public Set<String> registeredScopes() {
    App app = latest.get();
    return app == null ? Set.of() : app.scopes();
  }

  /** The {@code website} of every registration so far, in order. */
  public List<String> registeredWebsites() {
    return List.copyOf(registeredWebsites);
  }

  /** Forgets every app token ({@code client_credentials}), as an admin who revoked them. */
  public void revokeAppTokens() {
    tokens.values().removeIf(t -> !t.user());
  }

  /** Forgets every user access token, as when they expire; refresh tokens still work. */
  public void expireAccessTokens() {
    tokens.values().removeIf(Issued::user);
  }

  /** Makes the next token request get this answer instead, as a failing instance would give. */
  public void failNextToken(FakeResponse answer) {
    nextTokenAnswer.set(answer);
  }

  /** Makes app registration answer 404, as a Pixelfed instance with OAuth turned off. */
  public void disableOAuth() {
    oauthDisabled = true;
  }

  /** The account that approves. */
  public ObjectNode account() {
    ObjectNode a = Json.object();
    a.put("id", accountId());
    a.put("username", "alice");
    a.put("acct", "alice");
    a.put("display_name", "Alice Liddell");
    a.put("locked", false);
    a.put("bot", false);
    a.put("note", "<p>Down the rabbit hole</p>");
    switch (software) {
      case GOTOSOCIAL -> a.put("url", url() + "/@alice"); // no uri (its api/model/account.go)
      case AKKOMA -> {
        // Akkoma's account view: url is the actor, which pleroma.ap_id names too; no uri.
        a.put("url", url() + "/users/alice");
        a.put("fqn", "alice@" + url().getRawAuthority());
        a.putObject("pleroma").put("ap_id", url() + "/users/alice");
      }
      default -> {
        a.put("url", url() + "/@alice");
        a.put("uri", url() + "/users/alice");
      }
    }
    a.put("avatar", url() + "/avatars/alice.gif");
    a.put("avatar_static", url() + "/avatars/alice.png");
    a.put("followers_count", 7);
    return a;
  }

  /** The approving account's id, in the software's format (GoToSocial: a ULID; Akkoma: a flake). */
  public String accountId() {
    return switch (software) {
      case GOTOSOCIAL -> "01HZ8D4M4T1V6Q9W3ZC8K2X7RA";
      case AKKOMA -> "AhUqQWeZq3Jq2MgMnI";
      default -> "109302";
    };
  }

  /** Makes the NodeInfo document name this software instead, as an instance of another would. */
  public void nodeinfoSays(String softwareName) {
    this.nodeinfoSoftware = softwareName;
  }

  /** Makes the NodeInfo links document point at this URL instead of the instance's document. */
  public void nodeinfoAt(String href) {
    this.nodeinfoHref = href;
  }

  private ObjectNode nodeinfoLinks() {
    ObjectNode links = Json.object();
    ObjectNode link = links.putArray("links").addObject();
    link.put("rel", "http://nodeinfo.diaspora.software/ns/schema/" + nodeinfoVersion());
    String href = nodeinfoHref;
    link.put("href", href != null ? href : url() + software.nodeinfoPath);
    return links;
  }

  private String nodeinfoVersion() {
    return software == Software.AKKOMA ? "2.1" : "2.0";
  }

  private ObjectNode nodeinfo() {
    ObjectNode n = Json.object();
    n.put("version", nodeinfoVersion());
    ObjectNode sw = n.putObject("software");
    String name = nodeinfoSoftware;
    sw.put("name", name != null ? name : software.nodeinfoName);
    sw.put("version", instance().path("version").asText());
    n.putArray("protocols").add("activitypub");
    n.put("openRegistrations", false);
    n.putObject("usage").putObject("users").put("total", 1);
    n.putObject("metadata");
    return n;
  }

  private ObjectNode instance() {
    ObjectNode i = Json.object();
    i.put("uri", url().getRawAuthority());
    i.put("title", "Fake " + software.label);
    i.put("version", software.version);
    return i;
  }

  private FakeResponse register(FakeRequest r) {
    if (pixelfed && oauthDisabled) {
      return FakeResponse.json(404, Map.of("error", "Not found"));
    }
    if (!"POST".equals(r.method())) {
      return FakeResponse.json(405, Map.of("error", "Method not allowed"));
    }
    String name = r.param("client_name").orElse("");
    String uris = r.param("redirect_uris").orElse("");
    if (name.isBlank()) {
      return FakeResponse.json(422, Map.of("error", "Validation failed: Name can't be blank"));
    }
    List<String> redirects = new ArrayList<>();
    for (String u : uris.split(pixelfed ? "\n" : "\\s+")) {
      if (u.isBlank()) {
        continue;
      }
      if (!u.equals("urn:ietf:wg:oauth:2.0:oob") && !URI.create(u.strip()).isAbsolute()) {
        return FakeResponse.json(
            422, Map.of("error", "Validation failed: Redirect URI must be an absolute URI."));
      }
      redirects.add(u.strip());
    }
    if (redirects.isEmpty()) {
      return FakeResponse.json(
          422, Map.of("error", "Validation failed: Redirect URI must be an absolute URI."));
    }
    Set<String> scopes;
    if (pixelfed) {
      scopes = PIXELFED_SCOPES; // Pixelfed ignores the scopes parameter
    } else {
      scopes = new LinkedHashSet<>(Arrays.asList(r.param("scopes").orElse("read").split(" ")));
      if (!software.scopes.containsAll(scopes)) {
        return FakeResponse.json(422, Map.of("error", "Validation failed: Scopes are invalid"));
      }
    }
    String id = String.valueOf(1000 + registrations.incrementAndGet());
    App app =
        new App(
            id,
            pixelfed ? id : Secrets.random(32),
            Secrets.random(32),
            name,
            List.copyOf(redirects),
            Set.copyOf(scopes));
    apps.put(app.clientId(), app);
    latest.set(app);
    registeredWebsites.add(r.param("website").orElse(""));
    ObjectNode body = Json.object();
    body.put("id", id);
    body.put("name", name);
    if (pixelfed) {
      body.putNull("website");
      body.put("redirect_uri", String.join(",", redirects));
      body.put("client_id", app.clientId());
      body.put("client_secret", app.clientSecret());
      body.putNull("vapid_key");
    } else if (software == Software.GOTOSOCIAL) {
      // GoToSocial's answer (docs.gotosocial.org api/authentication.md): no scopes, no website.
      body.put("redirect_uri", String.join("\n", redirects));
      body.put("client_id", app.clientId());
      body.put("client_secret", app.clientSecret());
    } else if (software == Software.AKKOMA) {
      // Akkoma's app view: website, redirect_uri, the credentials and a vapid_key.
      body.put("website", r.param("website").orElse(null));
      body.put("redirect_uri", String.join(" ", redirects));
      body.put("client_id", app.clientId());
      body.put("client_secret", app.clientSecret());
      body.put("vapid_key", "BFake");
    } else {
      body.put("website", r.param("website").orElse(null));
      scopes.forEach(body.putArray("scopes")::add);
      body.put("redirect_uri", String.join("\n", redirects));
      redirects.forEach(body.putArray("redirect_uris")::add);
      body.put("client_id", app.clientId());
      body.put("client_secret", app.clientSecret());
      body.put("client_secret_expires_at", 0);
    }
    return FakeResponse.json(200, body);
  }

  private FakeResponse authorize(FakeRequest r) {
    Map<String, String> p = r.params();
    App app = apps.get(p.getOrDefault("client_id", ""));
    if (app == null) {
      // Doorkeeper shows an error page and does not redirect for an unknown client.
      return FakeResponse.text(
          401,
          "Client authentication failed due to unknown client, no client authentication"
              + " included, or unsupported authentication method.\n");
    }
    String redirect = p.get("redirect_uri");
    if (redirect == null || !app.redirectUris().contains(redirect)) {
      return FakeResponse.text(400, "The redirect uri included is not valid.\n");
    }
    if (!"code".equals(p.get("response_type"))) {
      return back(redirect, p.get("state"), "unsupported_response_type");
    }
    String scope = p.getOrDefault("scope", "read");
    Set<String> allowed = pixelfed ? PIXELFED_SCOPES : app.scopes();
    if (!allowed.containsAll(Arrays.asList(scope.split(" ")))) {
      return back(redirect, p.get("state"), "invalid_scope");
    }
    if (p.containsKey("code_challenge") && !Pkce.METHOD.equals(p.get("code_challenge_method"))) {
      return back(redirect, p.get("state"), "invalid_request");
    }
    if (!"POST".equals(r.method())) {
      return Consent.page(software.label, "alice", "/oauth/authorize", p);
    }
    Map<String, String> q = new LinkedHashMap<>();
    if ("approve".equals(p.get("decision"))) {
      String code = Secrets.random(24);
      codes.put(
          code,
          new Grant(
              app.clientId(),
              redirect,
              p.get("code_challenge"),
              scope,
              Instant.now().plus(Duration.ofMinutes(10))));
      q.put("code", code);
    } else {
      q.put("error", "access_denied");
      q.put("error_description", "The resource owner or authorization server denied the request.");
    }
    q.put("state", p.get("state"));
    return FakeResponse.redirect(Form.appendQuery(redirect, q));
  }

  private static FakeResponse back(String redirect, String state, String error) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("error", error);
    q.put("state", state);
    return FakeResponse.redirect(Form.appendQuery(redirect, q));
  }

  private FakeResponse token(FakeRequest r) {
    FakeResponse injected = nextTokenAnswer.getAndSet(null);
    if (injected != null) {
      return injected;
    }
    if (forgetAtNextToken) {
      forgetAtNextToken = false;
      forgetApps();
    }
    if (!"POST".equals(r.method())) {
      return error(405, "invalid_request", "the token endpoint takes POST");
    }
    App app = client(r).orElse(null);
    if (app == null) {
      return error(
          401,
          "invalid_client",
          "Client authentication failed due to unknown client, no client authentication"
              + " included, or unsupported authentication method.");
    }
    String grantType = r.param("grant_type").orElse("");
    switch (grantType) {
      case "client_credentials":
        if (pixelfed) {
          return error(400, "unsupported_grant_type", "unsupported grant type");
        }
        return issue(app, false, r.param("scope").orElse("read"));
      case "refresh_token":
        Issued old =
            software.expiring() ? refreshTokens.remove(r.param("refresh_token").orElse("")) : null;
        if (old == null || !old.clientId().equals(app.clientId())) {
          return error(400, "invalid_grant", "The refresh token is invalid.");
        }
        return issue(app, true, old.scope());
      case "authorization_code":
        break;
      default:
        return error(400, "unsupported_grant_type", "unsupported grant type");
    }
    Grant grant = codes.remove(r.param("code").orElse(""));
    if (grant == null
        || Instant.now().isAfter(grant.expires())
        || !grant.clientId().equals(app.clientId())
        || !grant.redirectUri().equals(r.param("redirect_uri").orElse(null))
        || !app.redirectUris().contains(grant.redirectUri())) {
      return error(
          400,
          "invalid_grant",
          "The provided authorization grant is invalid, expired, revoked, does not match the"
              + " redirection URI used in the authorization request, or was issued to another"
              + " client.");
    }
    Optional<String> verifier = r.param("code_verifier");
    if (grant.challenge() != null
        && (verifier.isEmpty() || !Pkce.challenge(verifier.get()).equals(grant.challenge()))) {
      return error(400, "invalid_grant", "PKCE verification failed");
    }
    return issue(app, true, grant.scope());
  }

  /**
   * {@code POST /oauth/revoke} (Doorkeeper's RFC 7009 endpoint): the app's id and secret, and a
   * token of that app, access or refresh, which then stops working; another app's token is refused
   * (403 {@code unauthorized_client}), an unknown one answered 200.
   */
  private FakeResponse revoke(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return error(405, "invalid_request", "the revocation endpoint takes POST");
    }
    App app = client(r).orElse(null);
    if (app == null) {
      return error(401, "invalid_client", "Client authentication failed.");
    }
    String token = r.param("token").orElse("");
    for (Map<String, Issued> kind : List.of(tokens, refreshTokens)) {
      Issued t = kind.get(token);
      if (t != null && !t.clientId().equals(app.clientId())) {
        return error(403, "unauthorized_client", "You are not authorized to revoke this token");
      }
      if (t != null) {
        kind.remove(token);
        revocations.incrementAndGet();
      }
    }
    return FakeResponse.json(200, Json.object());
  }

  /** How many tokens {@code /oauth/revoke} ended. */
  public int revocationCount() {
    return revocations.get();
  }

  /** Whether a refresh token would still be taken. */
  public boolean refreshTokenLive(String token) {
    return token != null && refreshTokens.containsKey(token);
  }

  private Optional<App> client(FakeRequest r) {
    String id = r.param("client_id").orElse(null);
    String secret = r.param("client_secret").orElse(null);
    String header = r.header("authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String pair =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon > 0) {
        Map<String, String> d =
            Form.decode("i=" + pair.substring(0, colon) + "&s=" + pair.substring(colon + 1));
        id = d.get("i");
        secret = d.get("s");
      }
    }
    App app = id == null ? null : apps.get(id);
    return app != null && app.clientSecret().equals(secret) ? Optional.of(app) : Optional.empty();
  }

  private FakeResponse issue(App app, boolean user, String scope) {
    String access = Secrets.random(32);
    tokens.put(access, new Issued(app.clientId(), user, scope));
    ObjectNode body = Json.object();
    if (software.expiring()) {
      // Laravel Passport's shape, and Akkoma's (its OAuthView: id, expires_in, refresh_token,
      // created_at, and the actor as "me" for a user token): expiring tokens, refresh tokens.
      String refresh = Secrets.random(40);
      refreshTokens.put(refresh, new Issued(app.clientId(), user, scope));
      body.put("token_type", "Bearer");
      body.put("expires_in", pixelfed ? 30758400 : 2592000);
      body.put("access_token", access);
      body.put("refresh_token", refresh);
      body.put("scope", scope);
      if (software == Software.AKKOMA) {
        body.put("id", registrations.get());
        body.put("created_at", Instant.now().getEpochSecond());
        if (user) {
          body.put("me", url() + "/users/alice");
        }
      }
    } else {
      body.put("access_token", access);
      body.put("token_type", "Bearer");
      body.put("scope", scope);
      body.put("created_at", Instant.now().getEpochSecond());
    }
    return FakeResponse.json(200, body).header("Cache-Control", "no-store");
  }

  private static FakeResponse error(int status, String error, String description) {
    return FakeResponse.json(status, Map.of("error", error, "error_description", description));
  }

  private FakeResponse account(FakeRequest r) {
    Issued t = tokens.get(String.valueOf(r.bearer()));
    if (t == null || !apps.containsKey(t.clientId())) {
      return FakeResponse.json(401, Map.of("error", "The access token is invalid"));
    }
    if (!t.user()) {
      return FakeResponse.json(422, Map.of("error", "This method requires an authenticated user"));
    }
    List<String> granted = Arrays.asList(t.scope().split(" "));
    if (!granted.contains("read")
        && !granted.contains("read:accounts")
        && !granted.contains("profile")) {
      return FakeResponse.json(
          403, Map.of("error", "This action is outside the authorized scopes"));
    }
    return FakeResponse.json(200, account());
  }

  private FakeResponse appCredentials(FakeRequest r) {
    Issued t = tokens.get(String.valueOf(r.bearer()));
    App app = t == null ? null : apps.get(t.clientId());
    if (app == null) {
      return FakeResponse.json(401, Map.of("error", "The access token is invalid"));
    }
    if (pixelfed && !t.user()) {
      return FakeResponse.json(403, Map.of("error", "Forbidden"));
    }
    ObjectNode body = Json.object();
    body.put("name", app.name());
    app.scopes().forEach(body.putArray("scopes")::add);
    return FakeResponse.json(200, body);
  }

  @Override
  public void close() {
    server.close();
  }
}
