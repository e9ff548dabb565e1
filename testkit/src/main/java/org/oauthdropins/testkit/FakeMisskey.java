package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.Credentials;
import org.oauthdropins.Html;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Misskey instance speaking MiAuth (misskey-hub.net docs/for-developers/api/token/miauth;
 * the check as Misskey's ApiServerService answers it): {@code /miauth/<session>} shows the consent
 * page for the {@code name}, {@code callback} and comma-separated {@code permission} it is given;
 * Allow makes a token for the session and sends the browser to the callback with {@code session}
 * added; Deny shows a page and goes nowhere, as Misskey's does (the fake's page links back to the
 * callback with the session, the way a user returns by hand). {@code POST
 * /api/miauth/<session>/check} needs no credentials and answers {@code {ok, token, user}} once for
 * a session with a token and {@code {"ok": false}} otherwise (unknown session, already fetched).
 * {@code POST /api/i} answers the user for a token with {@code read:account}, taken as a Bearer
 * header or the {@code i} field of the JSON body. Its NodeInfo (2.1) names {@code misskey}, or the
 * fork {@link #nodeinfoSays} names.
 */
public final class FakeMisskey extends LoopbackFake implements InstanceFake {

  private record Token(String value, List<String> permissions) {}

  private final Map<String, Token> bySession = new ConcurrentHashMap<>();
  private final Map<String, Token> fetchedSessions = new ConcurrentHashMap<>();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final AtomicReference<FakeResponse> nextCheckAnswer = new AtomicReference<>();
  private volatile String software = "misskey";

  /** A fake Misskey instance, for the {@code misskey} site. */
  public FakeMisskey() {
    this("misskey");
  }

  /** A fake Misskey instance for the site of this name (the fediverse site probes it too). */
  FakeMisskey(String siteName) {
    super(siteName, new Credentials("", "")); // MiAuth has no app credentials
    server.route("/.well-known/nodeinfo", r -> FakeResponse.json(200, links()));
    server.route("/nodeinfo/2.1", r -> FakeResponse.json(200, nodeinfo()));
    server.routeUnder("/miauth/", this::miauth);
    server.routeUnder("/api/miauth/", this::check);
    server.route("/api/i", this::i);
  }

  /** A fake Misskey instance behind the fediverse site's button. */
  public static FakeMisskey forFediverse() {
    return new FakeMisskey("fediverse");
  }

  /** Makes the next check get this answer instead, as a failing instance would give. */
  public void failNextCheck(FakeResponse answer) {
    nextCheckAnswer.set(answer);
  }

  /** Makes the NodeInfo document name this fork instead ({@code sharkey}, {@code firefish}). */
  public void nodeinfoSays(String softwareName) {
    this.software = softwareName;
  }

  /** The permissions the latest token was granted. */
  public List<String> grantedPermissions() {
    return tokens.values().stream().reduce((a, b) -> b).map(Token::permissions).orElse(List.of());
  }

  /** The user that approves, as the check and {@code /api/i} answer it. */
  public ObjectNode user() {
    ObjectNode u = Json.object();
    u.put("id", "9xkq2b7c3d");
    u.put("name", "Alice Liddell");
    u.put("username", "alice");
    u.putNull("host");
    u.put("avatarUrl", url() + "/avatars/alice.webp");
    u.put("isBot", false);
    u.put("isCat", false);
    u.put("url", (String) null);
    u.put("description", "Down the rabbit hole");
    return u;
  }

  private ObjectNode links() {
    ObjectNode links = Json.object();
    ObjectNode link = links.putArray("links").addObject();
    link.put("rel", "http://nodeinfo.diaspora.software/ns/schema/2.1");
    link.put("href", url() + "/nodeinfo/2.1");
    return links;
  }

  private ObjectNode nodeinfo() {
    ObjectNode n = Json.object();
    n.put("version", "2.1");
    ObjectNode sw = n.putObject("software");
    sw.put("name", software);
    sw.put("version", "2024.11.0");
    n.putArray("protocols").add("activitypub");
    n.put("openRegistrations", false);
    n.putObject("metadata");
    return n;
  }

  private FakeResponse miauth(FakeRequest r) {
    String session = r.uri().getPath().substring("/miauth/".length());
    if (session.isEmpty() || session.contains("/")) {
      return FakeResponse.text(404, "no such page\n");
    }
    Map<String, String> p = r.params();
    if (!"POST".equals(r.method())) {
      return Consent.page("Misskey", "alice", r.uri().getRawPath(), p);
    }
    if (!"approve".equals(p.get("decision"))) {
      // Misskey's page stops here; the sandbox offers the way back a user would take by hand, to
      // the callback with the session, where the check finds no token.
      String back =
          p.get("callback") == null
              ? ""
              : "<a id=\"back\" href=\""
                  + Html.escape(Form.appendQuery(p.get("callback"), Map.of("session", session)))
                  + "\">Back to the app</a>";
      return FakeResponse.html(
          "<!doctype html><p>Access denied. You may close this page.</p>" + back);
    }
    List<String> permissions =
        Arrays.stream(p.getOrDefault("permission", "").split(","))
            .filter(s -> !s.isBlank())
            .toList();
    Token token = new Token(Secrets.random(32), permissions);
    tokens.put(token.value(), token);
    bySession.put(session, token);
    String callback = p.get("callback");
    if (callback == null || callback.isBlank()) {
      return FakeResponse.html("<!doctype html><p>Allowed. You may close this page.</p>");
    }
    return FakeResponse.redirect(Form.appendQuery(callback, Map.of("session", session)));
  }

  private FakeResponse check(FakeRequest r) {
    String path = r.uri().getPath();
    if (!path.endsWith("/check") || !"POST".equals(r.method())) {
      return unknownEndpoint();
    }
    FakeResponse injected = nextCheckAnswer.getAndSet(null);
    if (injected != null) {
      return injected;
    }
    String session = path.substring("/api/miauth/".length(), path.length() - "/check".length());
    Token token = bySession.remove(session);
    if (token == null) {
      return FakeResponse.json(200, Map.of("ok", false));
    }
    fetchedSessions.put(session, token);
    ObjectNode body = Json.object();
    body.put("ok", true);
    body.put("token", token.value());
    body.set("user", user());
    return FakeResponse.json(200, body);
  }

  private FakeResponse i(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return unknownEndpoint();
    }
    String value = r.bearer();
    if (value == null && !r.body().isBlank()) {
      JsonNode body = Json.parse(r.body());
      value = Json.text(body, "i");
    }
    Token token = value == null ? null : tokens.get(value);
    if (token == null) {
      return error(401, "AUTHENTICATION_FAILED", "Authentication failed.");
    }
    if (!token.permissions().contains("read:account")) {
      return error(403, "PERMISSION_DENIED", "Your app does not have the necessary permissions.");
    }
    return FakeResponse.json(200, user());
  }

  private static FakeResponse unknownEndpoint() {
    return error(404, "UNKNOWN_API_ENDPOINT", "Unknown API endpoint.");
  }

  private static FakeResponse error(int status, String code, String message) {
    return FakeResponse.json(
        status, Map.of("error", Map.of("message", message, "code", code, "kind", "client")));
  }
}
