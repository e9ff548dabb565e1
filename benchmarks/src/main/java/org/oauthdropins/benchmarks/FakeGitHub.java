package org.oauthdropins.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.Pkce;

/**
 * A lean fake GitHub for load runs, in its own JVM so that its CPU is not the app's. Unlike the
 * testkit's fake it shows no consent page: authorize approves at once with a 302 back to the
 * redirect URI. It still checks what a broken client would get wrong: the client id and secret
 * (Basic or form), redirect_uri equal to the authorize request's, single-use codes, the PKCE
 * verifier when a challenge was sent, and a Bearer token at GraphQL.
 *
 * <p>Every login is a new user, as in a sign-up burst: stores grow by one row per login and no two
 * logins contend for one row.
 *
 * <p>With {@code --soak} it also hands out refresh tokens, serves {@code GET /user}, injects faults
 * and keeps a ledger ({@link SoakProvider}); without it the benchmark's hot path is unchanged.
 */
final class FakeGitHub extends Handler.Abstract {

  static final String CLIENT_ID = "bench-client";
  static final String CLIENT_SECRET = "bench-secret";

  private record Grant(String redirectUri, String challenge, long user) {}

  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Long> tokens = new ConcurrentHashMap<>();
  private final AtomicLong counter = new AtomicLong();
  private final SoakProvider soak;
  private final com.fasterxml.jackson.databind.ObjectMapper mapper =
      new com.fasterxml.jackson.databind.ObjectMapper();

  FakeGitHub(SoakProvider soak) {
    this.soak = soak;
  }

  /** {@code fake --port N [--soak]}: serves until killed. */
  static void main(Args args) throws Exception {
    Server server =
        Jetty.server(
            args.intValue("port", 0),
            new FakeGitHub(args.flag("soak") ? new SoakProvider() : null));
    server.start();
    System.out.println("listening " + Jetty.port(server));
    server.join();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    long arrived = System.nanoTime();
    if (soak != null) {
      switch (path) {
        case "/soak/fault" -> {
          soak.configure(Request.extractQueryParameters(request));
          Jetty.send(response, callback, 200, "text/plain", "ok\n");
          return true;
        }
        case "/soak/ledger" -> {
          Jetty.send(response, callback, 200, "application/json", soak.ledgerJson(mapper));
          return true;
        }
        case "/login/oauth/access_token", "/graphql", "/user" -> {
          if (soak.fault(request, response, callback)) {
            return true;
          }
        }
        default -> {
          // the browser's pages are not faulted: only the provider's back channel
        }
      }
    }
    switch (path) {
      case "/login/oauth/authorize" -> authorize(request, response, callback);
      case "/login/oauth/access_token" -> token(request, response, callback, arrived);
      case "/graphql" -> graphql(request, response, callback);
      case "/user" -> user(request, response, callback);
      case "/" -> Jetty.send(response, callback, 200, "text/plain", "a lean fake GitHub\n");
      default -> Jetty.send(response, callback, 404, "text/plain", "no such page\n");
    }
    return true;
  }

  private void authorize(Request request, Response response, Callback callback) {
    Fields q = Request.extractQueryParameters(request);
    String redirectUri = q.getValue("redirect_uri");
    if (!CLIENT_ID.equals(q.getValue("client_id")) || redirectUri == null) {
      Jetty.send(response, callback, 400, "text/plain", "unknown client or no redirect_uri\n");
      return;
    }
    String challenge = q.getValue("code_challenge");
    if (challenge != null && !"S256".equals(q.getValue("code_challenge_method"))) {
      Jetty.send(response, callback, 400, "text/plain", "only S256\n");
      return;
    }
    String code = random();
    long user = counter.incrementAndGet();
    codes.put(code, new Grant(redirectUri, challenge, user));
    if (soak != null) {
      soak.authorized(user, code);
    }
    String state = q.getValue("state");
    String location =
        redirectUri
            + (redirectUri.contains("?") ? "&" : "?")
            + "code="
            + code
            + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
    Jetty.redirect(response, callback, location);
  }

  private void token(Request request, Response response, Callback callback, long arrived)
      throws Exception {
    Fields form = Request.getParameters(request);
    String error = tokenError(request, form);
    String token = null;
    String refresh = null;
    if (error == null && soak != null && "refresh_token".equals(form.getValue("grant_type"))) {
      String[] fresh =
          soak.refresh(
              Objects.requireNonNullElse(form.getValue("refresh_token"), ""), arrived, tokens);
      if (fresh == null) {
        error = "bad_refresh_token";
      } else {
        token = fresh[0];
        refresh = fresh[1];
      }
    } else if (error == null) {
      String code = Objects.requireNonNullElse(form.getValue("code"), "");
      Grant grant = codes.remove(code);
      if (grant == null) {
        error = "bad_verification_code";
        if (soak != null) {
          soak.replayed(code);
        }
      } else if (!grant.redirectUri().equals(form.getValue("redirect_uri"))) {
        error = "redirect_uri_mismatch";
      } else if (!pkceOk(grant.challenge(), form.getValue("code_verifier"))) {
        error = "invalid_grant";
      } else {
        token = "gho_" + random();
        tokens.put(token, grant.user());
        if (soak != null) {
          refresh = soak.exchanged(grant.user(), token);
        }
      }
    }
    // GitHub's expiring user tokens: eight hours, with a refresh token (docs.github.com,
    // "Refreshing user access tokens").
    String expiry = refresh == null ? "" : "&expires_in=28800&refresh_token=" + refresh;
    String jsonExpiry =
        refresh == null ? "" : ",\"expires_in\":28800,\"refresh_token\":\"" + refresh + "\"";
    // GitHub answers form-encoded unless asked for JSON, and reports errors with a 200.
    String accept = Objects.requireNonNullElse(request.getHeaders().get(HttpHeader.ACCEPT), "");
    boolean json = accept.contains("json");
    String body;
    if (token == null) {
      body = json ? "{\"error\":\"" + error + "\"}" : "error=" + error;
    } else {
      body =
          json
              ? "{\"access_token\":\""
                  + token
                  + "\",\"token_type\":\"bearer\",\"scope\":\"\""
                  + jsonExpiry
                  + "}"
              : "access_token=" + token + "&token_type=bearer&scope=" + expiry;
    }
    Jetty.send(
        response,
        callback,
        200,
        json ? "application/json" : "application/x-www-form-urlencoded",
        body);
  }

  private static String tokenError(Request request, Fields form) {
    if (!"POST".equals(request.getMethod())) {
      return "invalid_request";
    }
    String id = form.getValue("client_id");
    String secret = form.getValue("client_secret");
    String basic = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (basic != null && basic.startsWith("Basic ")) {
      String pair =
          new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      id = pair.substring(0, Math.max(colon, 0));
      secret = pair.substring(colon + 1);
    }
    return CLIENT_ID.equals(id) && CLIENT_SECRET.equals(secret) ? null : "incorrect_client";
  }

  private static boolean pkceOk(String challenge, String verifier) {
    if (challenge == null) {
      return verifier == null;
    }
    return verifier != null && Pkce.challenge(verifier).equals(challenge);
  }

  private Long bearer(Request request) {
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return tokens.get(auth.substring(7).strip());
    }
    return null;
  }

  /** REST {@code GET /user}: what a signed API call of the soak reaches. */
  private void user(Request request, Response response, Callback callback) {
    Long user = bearer(request);
    if (user == null) {
      Jetty.send(response, callback, 401, "application/json", "{\"message\":\"Bad credentials\"}");
      return;
    }
    Jetty.send(
        response,
        callback,
        200,
        "application/json",
        "{\"login\":\"user" + user + "\",\"id\":" + user + "}");
  }

  private void graphql(Request request, Response response, Callback callback) throws Exception {
    Long user = bearer(request);
    if (!"POST".equals(request.getMethod()) || user == null) {
      Jetty.send(
          response,
          callback,
          401,
          "application/json",
          "{\"message\":\"This endpoint requires you to be authenticated.\"}");
      return;
    }
    JsonNode query = Json.parse(Content.Source.asString(request, StandardCharsets.UTF_8));
    if (!Json.text(query, "query").contains("viewer")) {
      Jetty.send(response, callback, 200, "application/json", "{\"errors\":[]}");
      return;
    }
    String login = "user" + user;
    String viewer =
        "{\"data\":{\"viewer\":{\"id\":\"U_"
            + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8))
            + "\",\"databaseId\":"
            + user
            + ",\"login\":\""
            + login
            + "\",\"name\":\"Bench User "
            + user
            + "\",\"url\":\"https://github.com/"
            + login
            + "\",\"avatarUrl\":\"https://avatars.githubusercontent.com/u/"
            + user
            + "?v=4\",\"location\":null,\"websiteUrl\":null,\"bio\":null}}}";
    Jetty.send(response, callback, 200, "application/json", viewer);
  }

  static String random() {
    return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong())
        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
  }
}
