package org.oauthdropins.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.bluesky.BlueskyAuth;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.TestApp;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * The Bluesky site against the reference PDS ({@code @atproto/pds}) and its own PLC directory, with
 * the library's development mode given only the PDS: OAuth login (PAR with the DPoP nonce retry,
 * the PDS's own sign-in and consent API), a DPoP-signed call with the stored login, a refresh that
 * rotates the token and is written back, Deny, and the app-password login. The PDS has no AppView,
 * so every login also proves that the profile is not required. Logins start once from a {@code
 * 127.0.0.1} page and once from a {@code localhost} one, which the app moves to {@code 127.0.0.1}.
 */
class RealPdsTest {

  private static final String API = "/@atproto/oauth-provider/~api";

  private static PdsServer pds;

  private TestApp app;
  private Bluesky site;
  private final Agent browser = new Agent();

  @BeforeAll
  static void startPds() throws Exception {
    pds = PdsServer.start();
  }

  @AfterAll
  static void stopPds() throws Exception {
    if (pds != null) {
      pds.close();
    }
  }

  @BeforeEach
  void setUp() {
    // One setting: the PDS. The PLC directory is whatever the PDS uses.
    SiteOptions options =
        new SiteOptions(
                Map.of(),
                new Credentials("http://localhost", ""),
                GuardedTransport.localDevelopment())
            .withBase("dev_pds", pds.pds().toString());
    site = Bluesky.create(options);
    app = new TestApp(new MemoryStore()).mount(site);
    // The app's home page, as the demo's: moves a localhost visitor to 127.0.0.1 first.
    app.page(
        "/",
        r ->
            Bluesky.loopbackOrigin(r)
                .<WebResponse>map(u -> new WebResponse.Redirect(u.toString(), List.of()))
                .orElseGet(
                    () ->
                        new WebResponse.Page(
                            200,
                            "text/html",
                            "<form method=post action=/bluesky/start><input name=handle></form>",
                            List.of())));
  }

  @AfterEach
  void tearDown() {
    app.close();
  }

  private URI localhost() {
    return URI.create("http://localhost:" + app.url().getPort());
  }

  @Test
  void oauthLoginSignedCallAndRotatingRefreshFrom127001() throws Exception {
    oauthLoginSignedCallAndRefresh(openHome(app.url()));
  }

  @Test
  void oauthLoginSignedCallAndRotatingRefreshFromLocalhost() throws Exception {
    URI origin = openHome(localhost());
    assertThat(origin.getHost()).isEqualTo("127.0.0.1");
    oauthLoginSignedCallAndRefresh(origin);
  }

  @Test
  void denyStoresNothingFrom127001() throws Exception {
    deny(openHome(app.url()));
  }

  @Test
  void denyStoresNothingFromLocalhost() throws Exception {
    deny(openHome(localhost()));
  }

  @Test
  void aStartPostedOnLocalhostSaysToUse127001InsteadOfTheServersInvalidRequest() throws Exception {
    HttpResponse<String> r = browser.postForm(localhost(), "/bluesky/start", pds.handle());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("http://127.0.0.1:" + app.url().getPort() + "/");
  }

  @Test
  void appPasswordLoginSignedCallAndRotatingRefresh() {
    BlueskyAuth auth = site.passwordLogin(pds.handle(), pds.appPassword(), app.store());
    assertThat(auth.isOAuth()).isFalse();
    assertThat(auth.did()).isEqualTo(pds.did());
    assertThat(auth.handle()).isEqualTo(pds.handle());
    assertSignedCallWorks(auth);
    assertRefreshRotatesAndIsStored(auth);
  }

  /**
   * The app-password form as an app serves it: the browser posts it and lands on the finish page,
   * where an app that trusts only {@code Logins.verify} (the README's step 6) sees the login.
   */
  @Test
  void appPasswordFormSignsTheBrowserIn() throws Exception {
    URI origin = openHome(app.url());
    HttpResponse<String> posted =
        browser.postForm(
            origin,
            "/bluesky/password",
            Map.of("username", pds.handle(), "password", pds.appPassword(), "state", "my-state"));
    assertThat(posted.statusCode()).as(posted.body()).isIn(302, 303);
    URI finish = origin.resolve(posted.headers().firstValue("Location").orElseThrow());
    Map<String, String> q = Form.decode(finish.getRawQuery());
    assertThat(finish.getPath()).isEqualTo("/after");
    assertThat(q).containsEntry("state", "my-state").doesNotContainKey("access_token");

    Key key = new Key("BlueskyAuth", pds.did());
    assertThat(app.logins().verify(browser.requestTo(finish), q.get("auth_entity")))
        .as("the finish page's view of this browser's logins")
        .contains(key);
    BlueskyAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.isOAuth()).isFalse();
    assertSignedCallWorks(auth);
  }

  private void oauthLoginSignedCallAndRefresh(URI origin) throws Exception {
    URI finish = login(origin, true);
    Map<String, String> q = Form.decode(finish.getRawQuery());
    assertThat(finish.getPath()).isEqualTo("/after");
    assertThat(q).containsEntry("state", "my-state").doesNotContainKey("access_token");

    BlueskyAuth auth = site.load(app.store(), new Key("BlueskyAuth", pds.did())).orElseThrow();
    assertThat(q.get("auth_entity")).isEqualTo(auth.key().urlsafe());
    assertThat(auth.isOAuth()).isTrue();
    // No AppView behind this PDS: the handle comes from the PDS's describeRepo.
    assertThat(auth.handle()).isEqualTo(pds.handle());
    assertThat(auth.pdsUrl()).isEqualTo(pds.pds());
    assertSignedCallWorks(auth);
    assertRefreshRotatesAndIsStored(auth);
  }

  private void deny(URI origin) throws Exception {
    URI finish = login(origin, false);
    Map<String, String> q = Form.decode(finish.getRawQuery());
    assertThat(q).containsEntry("declined", "true").containsEntry("state", "my-state");
    assertThat(app.store().get(new Key("BlueskyAuth", pds.did()))).isEmpty();
  }

  private void assertSignedCallWorks(BlueskyAuth auth) {
    HttpResult r = auth.get(auth.pdsUrl() + "/xrpc/com.atproto.server.getSession");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(Json.text(r.json(), "did")).isEqualTo(pds.did());
  }

  private void assertRefreshRotatesAndIsStored(BlueskyAuth auth) {
    AuthRecord before = app.store().get(auth.key()).orElseThrow();
    assertThat(auth.refresh()).isTrue();
    AuthRecord after = app.store().get(auth.key()).orElseThrow();
    assertThat(after.refreshToken()).isNotNull().isNotEqualTo(before.refreshToken());
    // The access token may come out equal: the PDS's JWTs count time in whole seconds.
    BlueskyAuth reloaded = site.load(app.store(), auth.key()).orElseThrow();
    assertSignedCallWorks(reloaded);
  }

  /** Opens the app's home page; returns the origin the browser ended on. */
  private URI openHome(URI origin) throws Exception {
    URI url = URI.create(origin + "/");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = browser.get(url, Map.of());
      if (r.statusCode() / 100 != 3) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("/bluesky/start");
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
      }
      url = url.resolve(r.headers().firstValue("Location").orElseThrow());
    }
    throw new AssertionError("the home page redirects in a loop");
  }

  /**
   * One login through the PDS's sign-in and consent API, as its authorization page calls it: the
   * browser's navigation, then same-origin JSON calls with the page's CSRF cookie echoed in a
   * header. Returns where the app's callback sent the browser.
   */
  private URI login(URI origin, boolean approve) throws Exception {
    HttpResponse<String> start =
        browser.postForm(origin, "/bluesky/start", pds.handle() + "&state=my-state");
    assertThat(start.statusCode()).as(start.body()).isIn(302, 303);
    URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
    assertThat(authorize.getPath()).isEqualTo("/oauth/authorize");

    HttpResponse<String> page = browser.get(authorize, navigation("cross-site", null));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    String csrf = browser.cookie(authorize, "csrf-token");
    assertThat(csrf).as("the authorization page's CSRF cookie").isNotNull();

    JsonNode answer;
    if (approve) {
      JsonNode signIn =
          browser.api(
              authorize,
              csrf,
              "/sign-in",
              Map.of(
                  "locale",
                  "en",
                  "username",
                  pds.handle(),
                  "password",
                  pds.password(),
                  "remember",
                  true));
      assertThat(signIn.path("account").toString()).contains(pds.did());
      answer = browser.api(authorize, csrf, "/consent", Map.of("did", pds.did()));
    } else {
      answer = browser.api(authorize, csrf, "/reject", Map.of());
    }
    URI redirect = URI.create(Json.text(answer, "url"));
    HttpResponse<String> back = browser.get(redirect, navigation("same-origin", authorize));
    URI callback = callbackUrl(redirect, back);
    assertThat(callback.getPath()).isEqualTo("/bluesky/oauth_callback");
    assertThat(callback.getHost()).isEqualTo("127.0.0.1");

    HttpResponse<String> done = browser.get(callback, navigation("cross-site", null));
    assertThat(done.statusCode()).as(done.body()).isIn(302, 303);
    return callback.resolve(done.headers().firstValue("Location").orElseThrow());
  }

  /** The PDS sends the browser back with a redirect, or with a page that does. */
  private static URI callbackUrl(URI from, HttpResponse<String> r) {
    if (r.statusCode() / 100 == 3) {
      return from.resolve(r.headers().firstValue("Location").orElseThrow());
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(http://127\\.0\\.0\\.1:[0-9]+/bluesky/oauth_callback[^\"'<\\s]*)")
            .matcher(r.body());
    assertThat(m.find()).as("a redirect in: HTTP " + r.statusCode() + " " + r.body()).isTrue();
    return URI.create(org.jsoup.parser.Parser.unescapeEntities(m.group(1), true));
  }

  private static Map<String, String> navigation(String site, URI referer) {
    Map<String, String> h = new HashMap<>();
    h.put("Sec-Fetch-Mode", "navigate");
    h.put("Sec-Fetch-Dest", "document");
    h.put("Sec-Fetch-Site", site);
    h.put("Accept", "text/html");
    if (referer != null) {
      h.put("Referer", referer.toString());
    }
    return h;
  }

  /**
   * A browser reduced to what these logins need: host-only cookies (kept on http too, as browsers
   * keep a localhost server's Secure cookies), no automatic redirects.
   */
  private static final class Agent {
    private final HttpClient client =
        HttpClient.newBuilder()
            // Node's server drops the h2c upgrade that HttpClient tries on plain http.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Map<String, String>> jar = new HashMap<>();

    String cookie(URI url, String name) {
      return jar.getOrDefault(url.getHost(), Map.of()).get(name);
    }

    HttpResponse<String> get(URI url, Map<String, String> headers) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(url).GET();
      headers.forEach(b::header);
      return send(b, url);
    }

    HttpResponse<String> postForm(URI origin, String path, String handleAndMore) throws Exception {
      return postBody(origin, path, "handle=" + handleAndMore);
    }

    HttpResponse<String> postForm(URI origin, String path, Map<String, String> fields)
        throws Exception {
      return postBody(origin, path, Form.encode(fields));
    }

    private HttpResponse<String> postBody(URI origin, String path, String body) throws Exception {
      URI url = URI.create(origin + path);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(url)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Origin", origin.toString())
              .header("Sec-Fetch-Site", "same-origin")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      return send(b, url);
    }

    /** A request to this URL as the app sees it, with the cookies this browser holds for it. */
    WebRequest requestTo(URI url) {
      return org.oauthdropins.testkit.Browser.request(
          url, jar.getOrDefault(url.getHost(), Map.of()));
    }

    JsonNode api(URI page, String csrf, String endpoint, Map<String, Object> body)
        throws Exception {
      String origin = page.getScheme() + "://" + page.getRawAuthority();
      URI url = URI.create(origin + API + endpoint);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(url)
              .header("Content-Type", "application/json")
              .header("Origin", origin)
              .header("Referer", page.toString())
              .header("Sec-Fetch-Mode", "same-origin")
              .header("Sec-Fetch-Site", "same-origin")
              .header("Sec-Fetch-Dest", "empty")
              .header("x-csrf-token", csrf)
              .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
      HttpResponse<String> r = send(b, url);
      assertThat(r.statusCode()).as(endpoint + ": " + r.body()).isEqualTo(200);
      return Json.parse(r.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder b, URI url)
        throws IOException, InterruptedException {
      Map<String, String> mine = jar.computeIfAbsent(url.getHost(), h -> new HashMap<>());
      if (!mine.isEmpty()) {
        b.header(
            "Cookie",
            mine.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")));
      }
      HttpResponse<String> r =
          client.send(
              b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      for (String set : r.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (eq > 0) {
          mine.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
      }
      return r;
    }
  }
}
