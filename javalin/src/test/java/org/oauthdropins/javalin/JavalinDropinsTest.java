package org.oauthdropins.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeBluesky;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.LogWatch;
import org.oauthdropins.testkit.RawHttp;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * {@link JavalinDropins} over real HTTP: each part of a request as core sees it, each kind of
 * answer, the login CSRF check (which only works if the adapter passes {@code Origin} and {@code
 * Sec-Fetch-Site} on), a URL that is not a URL, and TRACE on every mounted path.
 */
class JavalinDropinsTest {

  private final FakeGitHub github = new FakeGitHub();
  private final FakeBluesky bluesky = new FakeBluesky();
  private final MemoryStore store = new MemoryStore();
  private Javalin app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
    github.close();
    bluesky.close();
  }

  private static String describe(WebRequest w) {
    return String.join(
        "\n",
        "url=" + w.url(),
        "contextPath=" + w.contextPath(),
        "method=" + w.method(),
        "header=" + w.header("X-Probe").orElse("(none)"),
        "missingHeader=" + w.header("X-Absent").orElse("(none)"),
        "param=" + w.parameter("p").orElse("(none)"),
        "formOnly=" + w.parameter("f").orElse("(none)"),
        "missingParam=" + w.parameter("absent").orElse("(none)"),
        "cookie=" + w.cookie("wanted").orElse("(none)"),
        "missingCookie=" + w.cookie("absent").orElse("(none)"));
  }

  private static final Cookie FIRST = new Cookie("first", "1", Duration.ofMinutes(5), false);
  private static final Cookie SECOND = new Cookie("second", "2", Duration.ZERO, false);

  /** What {@code mount} returned for GitHub: the paths it serves. */
  private org.oauthdropins.Mount githubMount;

  @Test
  void mountReturnsTheMountItServes() {
    start("", c -> {});

    assertThat(githubMount.startPath()).isEqualTo("/github/start");
    assertThat(githubMount.callbackPath()).isEqualTo("/github/oauth_callback");
    assertThat(githubMount.start().site().name()).isEqualTo("github");
  }

  /** Starts the app under the context path: GitHub and Bluesky mounted, plus probe routes. */
  private int start(String contextPath, Consumer<JavalinConfig> more) {
    app =
        Javalin.create(
                config -> {
                  config.router.contextPath = contextPath;
                  Logins logins = Logins.forStore(store);
                  githubMount =
                      JavalinDropins.mount(
                          config,
                          BaseUrl.loopback(),
                          GitHub.create(github.options()),
                          store,
                          Finish.redirectTo("/after"),
                          logins);
                  JavalinDropins.mount(
                      config,
                      BaseUrl.loopback(),
                      Bluesky.create(bluesky.options()),
                      store,
                      Finish.redirectTo("/after"),
                      logins);
                  config.routes.get(
                      "/probe", ctx -> ctx.result(describe(JavalinDropins.request(ctx))));
                  config.routes.post(
                      "/probe", ctx -> ctx.result(describe(JavalinDropins.request(ctx))));
                  config.routes.get(
                      "/redirect",
                      ctx ->
                          JavalinDropins.send(
                              new WebResponse.Redirect("/somewhere?x=1", List.of(FIRST, SECOND)),
                              ctx));
                  config.routes.get(
                      "/page",
                      ctx ->
                          JavalinDropins.send(
                              new WebResponse.Page(
                                  403, "application/json", "{\"a\":1}", List.of(SECOND)),
                              ctx));
                  more.accept(config);
                })
            .start("127.0.0.1", 0);
    github.registerRedirectUri(
        URI.create("http://127.0.0.1:" + app.port() + contextPath + "/github/oauth_callback"));
    return app.port();
  }

  private int start() {
    return start("", config -> {});
  }

  private static Map<String, String> lines(String body) {
    return body.lines()
        .map(l -> l.split("=", 2))
        .collect(Collectors.toMap(a -> a[0], a -> a.length > 1 ? a[1] : ""));
  }

  private static RawHttp get(int port, String target, List<String> headers) {
    return RawHttp.send(port, "GET", target, "127.0.0.1:" + port, headers, null);
  }

  @Test
  void aGetIsSeenWithItsQueryHeadersCookiesAndContextPath() {
    int port = start("/app", config -> {});

    RawHttp r =
        get(
            port,
            "/app/probe?p=from-query&x=%2F",
            List.of("X-Probe: probed", "Cookie: other=0; wanted=2; last=3"));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(lines(r.body()))
        .containsEntry("url", "http://127.0.0.1:" + port + "/app/probe?p=from-query&x=%2F")
        .containsEntry("contextPath", "/app")
        .containsEntry("method", "GET")
        .containsEntry("header", "probed")
        .containsEntry("missingHeader", "(none)")
        .containsEntry("param", "from-query")
        .containsEntry("missingParam", "(none)")
        .containsEntry("cookie", "2")
        .containsEntry("missingCookie", "(none)");
  }

  @Test
  void aPostIsSeenWithItsFormAndAQueryParameterWinsOverAFormOne() {
    int port = start();

    RawHttp r =
        RawHttp.send(
            port,
            "POST",
            "/probe?p=from-query",
            "127.0.0.1:" + port,
            List.of(),
            "p=from-form&f=form-only");

    assertThat(lines(r.body()))
        .containsEntry("url", "http://127.0.0.1:" + port + "/probe?p=from-query")
        .containsEntry("contextPath", "")
        .containsEntry("method", "POST")
        .containsEntry("param", "from-query")
        .containsEntry("formOnly", "form-only")
        .containsEntry("cookie", "(none)");
  }

  @Test
  void aRedirectIsA302WithItsLocationCookiesAndTheLoginHeaders() {
    int port = start();

    RawHttp r = get(port, "/redirect", List.of());

    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).hasValue("/somewhere?x=1");
    assertThat(r.headers())
        .filteredOn(h -> h.toLowerCase(Locale.ROOT).startsWith("set-cookie:"))
        .hasSize(2)
        .anySatisfy(h -> assertThat(h).contains("first=1; Path=/; Max-Age=300"))
        .anySatisfy(h -> assertThat(h).contains("second=2; Path=/; Max-Age=0"));
    loginHeaders(r);
  }

  @Test
  void aPageHasItsStatusTypeBodyCookiesAndTheLoginHeaders() {
    int port = start();

    RawHttp r = get(port, "/page", List.of());

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("Content-Type")).get().asString().startsWith("application/json");
    assertThat(r.body()).isEqualTo("{\"a\":1}");
    assertThat(r.header("Set-Cookie")).get().asString().startsWith("second=2;");
    assertThat(r.header("Location")).isEmpty();
    loginHeaders(r);
  }

  private static void loginHeaders(RawHttp r) {
    assertThat(r.header("Cache-Control")).hasValue("no-store");
    assertThat(r.header("Referrer-Policy")).hasValue("no-referrer");
    assertThat(r.header("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void aStartPostedFromAnotherSiteIsRefusedAndOneFromTheAppsOwnPageIsNot() {
    int port = start();
    URI startUrl = URI.create("http://127.0.0.1:" + port + "/github/start");

    Browser.Page crossSite =
        new Browser().postFrom(URI.create("https://evil.example/page"), startUrl, Map.of());
    Browser.Page sameSiteOtherOrigin =
        new Browser()
            .postFrom(URI.create("http://127.0.0.1:" + (port + 1) + "/page"), startUrl, Map.of());
    Browser.Page own = new Browser().post(startUrl, Map.of());

    assertThat(crossSite.status()).isEqualTo(400);
    assertThat(crossSite.body()).contains("started from a page of this site");
    assertThat(sameSiteOtherOrigin.status()).isEqualTo(400);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.url().getPort())
        .as("at the fake's consent page")
        .isEqualTo(github.url().getPort());
  }

  @Test
  void withoutSecFetchSiteTheOriginDecides() {
    int port = start();
    String host = "127.0.0.1:" + port;

    RawHttp crossOrigin =
        RawHttp.send(
            port, "POST", "/github/start", host, List.of("Origin: https://evil.example"), "");
    RawHttp sameOrigin =
        RawHttp.send(port, "POST", "/github/start", host, List.of("Origin: http://" + host), "");

    assertThat(crossOrigin.status()).isEqualTo(400);
    assertThat(crossOrigin.body()).contains("started from a page of this site");
    assertThat(sameOrigin.status()).isEqualTo(302);
  }

  @Test
  void aCallbackQueryThatIsNotAUrlIsAPlain400ThatNeitherShowsNorLogsIt() {
    int port = start();

    for (String query :
        List.of(
            "state=abc&code=SECRET-PIPE|x",
            "state=abc&code=SECRET-ESCAPE%zz",
            "state=abc&code=SECRET-PCT%",
            "state=abc&code=SECRET-CARET^x",
            "state=abc&code=SECRET-BRACE{x}")) {
      try (LogWatch log = LogWatch.start()) {
        RawHttp r = get(port, "/github/oauth_callback?" + query, List.of());

        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(r.body()).isEqualTo("the request's query string is not well-formed\n");
        assertThat(log.text()).as(query).doesNotContain("SECRET");
      }
    }
  }

  @Test
  void traceIsRefusedOnEveryMountedPathWithoutEchoingTheRequest() {
    int port = start("/app", config -> {});

    Map<String, String> allow =
        Map.of(
            "/github/start",
            "POST, GET",
            "/github/oauth_callback",
            "GET, POST",
            "/bluesky/start",
            "POST, GET",
            "/bluesky/oauth_callback",
            "GET, POST",
            Bluesky.METADATA_PATH,
            "GET",
            JavalinDropins.BUTTONS + "github.svg",
            "GET");
    for (String path : allow.keySet()) {
      RawHttp r =
          RawHttp.send(
              port,
              "TRACE",
              "/app" + path,
              "127.0.0.1:" + port,
              List.of("X-Echo: ECHO-ME", "Cookie: session=COOKIE-VALUE"),
              null);

      assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(405);
      assertThat(r.body()).as(path).doesNotContain("ECHO-ME").doesNotContain("COOKIE-VALUE");
      assertThat(r.header("Allow")).as(path).hasValue(allow.get(path));
      assertThat(r.header("Cache-Control")).as(path).hasValue("no-store");
    }
  }

  @Test
  void theMountedMethodsReachTheLibrarysHandlers() {
    int port = start();
    String host = "127.0.0.1:" + port;

    RawHttp linkToStart = get(port, "/github/start", List.of());
    RawHttp postToCallback =
        RawHttp.send(port, "POST", "/github/oauth_callback", host, List.of(), "state=x");
    RawHttp getCallback = get(port, "/github/oauth_callback?state=nope&code=x", List.of());

    assertThat(linkToStart.status()).isEqualTo(400);
    assertThat(linkToStart.body()).contains("starts with a POST");
    assertThat(postToCallback.status()).isEqualTo(400);
    assertThat(postToCallback.body()).contains("this callback takes GET");
    assertThat(getCallback.status()).isEqualTo(400);
    assertThat(getCallback.body()).contains("not started in this browser");
  }

  @Test
  void theButtonAndTheClientMetadataAreServed() {
    int port = start();

    RawHttp svg = get(port, JavalinDropins.BUTTONS + "github.svg", List.of());
    RawHttp metadata = get(port, Bluesky.METADATA_PATH, List.of());

    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.header("Content-Type")).get().asString().startsWith("image/svg+xml");
    assertThat(svg.header("Cache-Control")).hasValue("public, max-age=86400");
    assertThat(svg.body()).startsWith("<svg").contains("Sign in with GitHub");
    assertThat(metadata.status()).isEqualTo(200);
    assertThat(metadata.header("Content-Type")).get().asString().startsWith("application/json");
    assertThat(metadata.body())
        .contains("\"client_id\":\"http://127.0.0.1:" + port + Bluesky.METADATA_PATH);
    RawHttp elsewhere =
        RawHttp.send(port, "GET", Bluesky.METADATA_PATH, "evil.example:" + port, List.of(), null);
    assertThat(elsewhere.status()).isEqualTo(400);
    assertThat(elsewhere.body()).doesNotContain("client_id");
  }
}
