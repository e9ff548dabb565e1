package org.oauthdropins.indieauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.oauthdropins.AccessToken;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.BadRequestException;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.Key;
import org.oauthdropins.LoginListener;
import org.oauthdropins.LoginResult;
import org.oauthdropins.ProviderException;
import org.oauthdropins.Site;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.Json;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.oauth2.ClientAuth;
import org.oauthdropins.oauth2.CodeFlow;
import org.oauthdropins.oauth2.OAuth2Site;
import org.oauthdropins.oauth2.TokenClient;
import org.oauthdropins.oauth2.TokenResponse;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

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
 * <p>Every fetch of the user's site and server goes through the SSRF guard.
 */
public final class IndieAuthSite implements Site<IndieAuth> {

  /** Lists IndieAuth for apps and the demo; it needs no credentials. */
  public static final SiteFactory FACTORY =
      new SiteFactory("indieauth", null, null, IndieAuthSite::create);

  private static final Set<String> PROFILE_SCOPES = Set.of("profile", "email");

  private final GuardedTransport transport;
  private final String clientId;
  private final Clock clock = Clock.systemUTC();
  private final LoginListener listener;

  private IndieAuthSite(GuardedTransport transport, String clientId, LoginListener listener) {
    this.transport = transport;
    this.clientId = clientId;
    this.listener = listener;
  }

  /**
   * IndieAuth with the given options. The client id is the options' credentials' client id if
   * given, else {@code indieauth_client_id} from the environment or a file, else derived from each
   * start request.
   */
  public static IndieAuthSite create(SiteOptions o) {
    requireClass(
        "org.jsoup.Jsoup",
        "IndieAuth reads the user's HTML with jsoup: add the dependency org.jsoup:jsoup to your app");
    String id =
        o.credentials() != null
            ? o.credentials().clientId()
            : Credentials.lookup("indieauth_client_id", "indieauth_client_id")
                .map(Credentials::clientId)
                .orElse(null);
    return new IndieAuthSite(GuardedTransport.of(o.transport()), id, o.listener());
  }

  @Override
  public LoginListener listener() {
    return listener;
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

  @Override
  public String name() {
    return "indieauth";
  }

  @Override
  public String kind() {
    return "IndieAuth";
  }

  @Override
  public Button button() {
    return new Button("Sign in with your web site", "#ebebeb", "#222222", "me", "example.com");
  }

  private boolean loopbackAllowed() {
    return transport.policy().allowLoopback();
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    URI me =
        ProfileUrls.canonical(
            request
                .web()
                .parameter("me")
                .orElseThrow(() -> new BadRequestException("enter your web site")),
            loopbackAllowed());
    Discovery.Found found = discover(me, true);
    Discovery.Server server = found.server();
    List<String> scopes = CodeFlow.scopes(List.of("profile"), request.scopes());
    boolean tokens = server.tokenEndpoint() != null && !PROFILE_SCOPES.containsAll(scopes);
    String client = clientId != null ? clientId : request.appUrl() + "/";
    ArrayNode seen = Json.array().add(me.toString());
    found.seen().forEach(u -> seen.add(u.toString()));
    Map<String, String> data = new LinkedHashMap<>();
    data.put("me", me.toString());
    data.put("seen", seen.toString());
    data.put("client_id", client);
    data.put("authorization_endpoint", server.authorizationEndpoint().toString());
    data.put("scope", String.join(" ", scopes));
    if (tokens) {
      data.put("token_endpoint", server.tokenEndpoint().toString());
    }
    if (server.issuer() != null) {
      data.put("issuer", server.issuer());
    }
    return CodeFlow.authorize(
        server.authorizationEndpoint(),
        client,
        request,
        String.join(" ", scopes),
        Map.of("me", me.toString()),
        data);
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    Map<String, String> data = request.data();
    Optional<String> code =
        CodeFlow.code(name(), request.web(), data.get("issuer"), true, CodeFlow.DECLINED);
    if (code.isEmpty()) {
      return new LoginResult.Declined();
    }
    String client = request.datum("client_id");
    String tokenEndpoint = data.get("token_endpoint");
    JsonNode answer;
    TokenResponse token = null;
    if (tokenEndpoint != null) {
      token =
          CodeFlow.bearer(
              name(),
              new TokenClient(
                      name(),
                      URI.create(tokenEndpoint),
                      new Credentials(client, ""),
                      ClientAuth.NONE,
                      transport)
                  .exchange(
                      code.get(),
                      request.redirectUri(),
                      request.datum(CodeFlow.VERIFIER),
                      Map.of()));
      answer = token.json();
    } else {
      answer = redeemForProfile(request, code.get(), client);
    }
    URI me = verifiedMe(answer, data);

    ObjectNode user = Json.object();
    user.put("me", me.toString());
    profile(me, user);
    if (answer.path("profile").isObject()) {
      user.set("profile", answer.path("profile"));
    }
    ObjectNode extra = Json.object();
    extra.put("client_id", client);
    extra.put("authorization_endpoint", data.get("authorization_endpoint"));
    extra.put("token_endpoint", tokenEndpoint);
    extra.put("issuer", data.get("issuer"));
    extra.put("scope", token != null && token.scope() != null ? token.scope() : data.get("scope"));
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind(), me.toString()),
            name(),
            token == null ? null : new AccessToken.Bearer(token.accessToken()),
            token == null ? null : token.refreshToken(),
            token == null || token.expiresIn() == null
                ? null
                : clock.instant().plusSeconds(token.expiresIn()),
            user.toString(),
            extra.toString()));
  }

  /** Profile-only redemption at the authorization endpoint (§5.3.2). */
  private JsonNode redeemForProfile(CallbackRequest request, String code, String client) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("client_id", client);
    form.put("redirect_uri", request.redirectUri());
    form.put("code_verifier", request.datum(CodeFlow.VERIFIER));
    HttpResult r;
    try {
      r =
          transport.send(
              HttpCall.postForm(URI.create(request.datum("authorization_endpoint")), form)
                  .header("Accept", "application/json"));
    } catch (IOException e) {
      throw new ProviderException("indieauth server could not be reached: " + e.getMessage(), e);
    }
    JsonNode json;
    try {
      json = r.json();
    } catch (IllegalArgumentException e) {
      throw new ProviderException(
          "indieauth server answered HTTP " + r.status() + " with something that is not JSON");
    }
    String error = Json.text(json, "error");
    if (error != null || !r.ok()) {
      throw new ProviderException(
          "indieauth server refused the code: "
              + (error == null ? "HTTP " + r.status() : ProviderException.clean(error)));
    }
    return json;
  }

  /**
   * The {@code me} the server vouched for, if it may (§5.4): the URL the user typed or one seen
   * while discovering it, or a profile URL that declares exactly the server that answered: its
   * issuer, its authorization endpoint and, if one redeemed the code, its token endpoint.
   */
  private URI verifiedMe(JsonNode answer, Map<String, String> data) {
    String returned = Json.text(answer, "me");
    if (returned == null) {
      throw new ProviderException("indieauth server did not say who signed in (no me)");
    }
    URI me;
    try {
      me = ProfileUrls.returned(returned, loopbackAllowed());
    } catch (IllegalArgumentException e) {
      throw new ProviderException("indieauth server returned an invalid me: " + e.getMessage());
    }
    for (JsonNode seen : Json.parse(data.get("seen"))) {
      if (seen.asText().equals(me.toString())) {
        return me;
      }
    }
    // token_endpoint is in the pending data only when the code was redeemed there.
    Discovery.Server answered =
        new Discovery.Server(
            data.get("issuer"),
            URI.create(data.get("authorization_endpoint")),
            data.get("token_endpoint") == null ? null : URI.create(data.get("token_endpoint")));
    Discovery.Server declared = discover(me, false).server();
    if (!declared.confirms(answered)) {
      throw new ProviderException(
          "the authorization server vouched for "
              + me
              + ", which does not declare that server; refused");
    }
    return me;
  }

  /** Adds the representative h-card and rel=me links of the user's page, where it has them. */
  private void profile(URI me, ObjectNode user) {
    ArrayNode relMe = user.putArray("rel-me");
    HttpResult page;
    try {
      page = transport.send(HttpCall.get(me).header("Accept", "text/html"));
    } catch (IOException e) {
      return; // the login stands; the profile is decoration
    }
    Document html = page.ok() ? Discovery.html(page) : null;
    if (html == null) {
      return;
    }
    List<String> links = Microformats.relMe(html);
    links.forEach(relMe::add);
    ObjectNode card = Microformats.representativeHCard(html, me.toString(), links);
    if (card != null) {
      user.set("h-card", card);
    }
  }

  /**
   * Discovers a profile URL's server. For the URL the user typed, failures are the user's (400);
   * for a URL a server returned, the server's (502).
   */
  private Discovery.Found discover(URI profile, boolean userInput) {
    try {
      return Discovery.discover(profile, transport);
    } catch (UnsafeUrlException e) {
      String message = profile.getHost() + " cannot be used: " + e.getMessage();
      throw userInput ? new BadRequestException(message) : new ProviderException(message);
    } catch (Discovery.NotFound e) {
      throw userInput
          ? new BadRequestException(e.getMessage())
          : new ProviderException(e.getMessage());
    } catch (IOException e) {
      String message = profile.getHost() + " could not be reached: " + e.getMessage();
      throw userInput ? new BadRequestException(message) : new ProviderException(message, e);
    }
  }

  @Override
  public IndieAuth entity(AuthRecord record, AuthStore store) {
    return new IndieAuth(this, record, store, transport);
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return OAuth2Site.bearer(call, record);
  }

  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    JsonNode extra = Json.parse(record.extraJson());
    String endpoint = Json.text(extra, "token_endpoint");
    String client = Json.text(extra, "client_id");
    if (record.refreshToken() == null || endpoint == null || client == null) {
      return Optional.empty();
    }
    TokenResponse token =
        new TokenClient(
                name(),
                URI.create(endpoint),
                new Credentials(client, ""),
                ClientAuth.NONE,
                transport)
            .refresh(record.refreshToken());
    // §5.5.1: a new refresh token replaces the old one, which must be discarded.
    String refresh = token.refreshToken() != null ? token.refreshToken() : record.refreshToken();
    return Optional.of(
        record.withTokens(
            new AccessToken.Bearer(token.accessToken()),
            refresh,
            token.expiresIn() == null ? null : clock.instant().plusSeconds(token.expiresIn())));
  }
}
