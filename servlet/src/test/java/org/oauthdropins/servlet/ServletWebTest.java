package org.oauthdropins.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.FakeBluesky;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.LogWatch;
import org.oauthdropins.testkit.RawHttp;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * {@link ServletWeb}, the request mapping every servlet of the library goes through, in Jetty 12
 * and Tomcat 11 over real HTTP: each part of a request as core sees it, each kind of answer as the
 * browser gets it, a URL that is not a URL, and TRACE on every mounted path.
 */
class ServletWebTest {

  private static final String CTX = "/ctx";

  /** Writes what core sees of the request, one {@code name=value} line per part. */
  static final class Probe extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      ServletWeb.handle(req, resp, Probe::describe);
    }

    static WebResponse describe(WebRequest w) {
      String text =
          String.join(
              "\n",
              "url=" + w.url(),
              "origin=" + w.origin(),
              "contextPath=" + w.contextPath(),
              "method=" + w.method(),
              "header=" + w.header("X-Probe").orElse("(none)"),
              "headerCase=" + w.header("x-PROBE").orElse("(none)"),
              "missingHeader=" + w.header("X-Absent").orElse("(none)"),
              "param=" + w.parameter("p").orElse("(none)"),
              "missingParam=" + w.parameter("absent").orElse("(none)"),
              "cookie=" + w.cookie("wanted").orElse("(none)"),
              "missingCookie=" + w.cookie("absent").orElse("(none)"));
      return WebResponse.Page.text(200, text);
    }
  }

  /** Answers with a fixed {@link WebResponse}, whatever the request. */
  static final class Answer extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient WebResponse response;

    Answer(WebResponse response) {
      this.response = response;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      ServletWeb.send(response, resp);
    }
  }

  private static final Cookie FIRST = new Cookie("first", "1", Duration.ofMinutes(5), false);
  private static final Cookie SECOND = new Cookie("second", "2", Duration.ZERO, false);

  private static ServletContainerInitializer app(List<Site<?>> sites) {
    MemoryStore store = new MemoryStore();
    Logins logins = Logins.forStore(store);
    return (classes, ctx) -> {
      for (Site<?> s : sites) {
        String prefix =
            DropinServlets.mount(
                ctx, BaseUrl.loopback(), s, store, Finish.redirectTo("/after"), logins);
        if (!prefix.equals("/" + s.name())) {
          throw new IllegalStateException("mounted under " + prefix); // fails the start
        }
      }
      ctx.addServlet("buttons", new ButtonServlet(sites)).addMapping("/oauth_dropins/*");
      ctx.addServlet("probe", new Probe()).addMapping("/probe", "/probe/*");
      ctx.addServlet(
              "redirect",
              new Answer(new WebResponse.Redirect("/somewhere?x=1", List.of(FIRST, SECOND))))
          .addMapping("/redirect");
      ctx.addServlet(
              "page",
              new Answer(
                  new WebResponse.Page(403, "application/json", "{\"a\":1}", List.of(SECOND))))
          .addMapping("/page");
    };
  }

  /** Runs the check against the container serving the test app at /ctx. */
  private static void with(Containers c, PortCheck check) throws Exception {
    try (FakeGitHub github = new FakeGitHub();
        Containers.Running running =
            c.start(0, CTX, app(List.of(GitHub.create(github.options()))))) {
      check.apply(running.port());
    }
  }

  /** A check of the app on a port. */
  interface PortCheck {
    void apply(int port) throws Exception;
  }

  private static Map<String, String> lines(String body) {
    return body.lines()
        .map(l -> l.split("=", 2))
        .collect(Collectors.toMap(a -> a[0], a -> a.length > 1 ? a[1] : ""));
  }

  @ParameterizedTest
  @EnumSource(Containers.class)
  void aGetIsSeenWithItsQueryHeadersAndCookies(Containers c) throws Exception {
    with(
        c,
        port -> {
          RawHttp r =
              RawHttp.send(
                  port,
                  "GET",
                  CTX + "/probe?p=from-query&x=%2F",
                  "127.0.0.1:" + port,
                  List.of("X-Probe: probed", "Cookie: other=0; wanted=2; last=3"),
                  null);

          assertThat(r.status()).as(r.body()).isEqualTo(200);
          assertThat(lines(r.body()))
              .containsEntry("url", "http://127.0.0.1:" + port + CTX + "/probe?p=from-query&x=%2F")
              .containsEntry("origin", "http://127.0.0.1:" + port)
              .containsEntry("contextPath", CTX)
              .containsEntry("method", "GET")
              .containsEntry("header", "probed")
              .containsEntry("headerCase", "probed")
              .containsEntry("missingHeader", "(none)")
              .containsEntry("param", "from-query")
              .containsEntry("missingParam", "(none)")
              .containsEntry("cookie", "2")
              .containsEntry("missingCookie", "(none)");
        });
  }

  @ParameterizedTest
  @EnumSource(Containers.class)
  void aPostIsSeenWithItsFormAndWithoutQueryOrCookies(Containers c) throws Exception {
    with(
        c,
        port -> {
          RawHttp r =
              RawHttp.send(port, "POST", CTX + "/probe", "127.0.0.1:" + port, List.of(), "p=form");

          assertThat(lines(r.body()))
              .containsEntry("url", "http://127.0.0.1:" + port + CTX + "/probe")
              .containsEntry("method", "POST")
              .containsEntry("param", "form")
              .containsEntry("header", "(none)")
              .containsEntry("cookie", "(none)");
        });
  }

  @ParameterizedTest
  @EnumSource(Containers.class)
  void aRedirectIsA302WithItsLocationCookiesAndTheLoginHeaders(Containers c) throws Exception {
    with(
        c,
        port -> {
          RawHttp r =
              RawHttp.send(port, "GET", CTX + "/redirect", "127.0.0.1:" + port, List.of(), null);

          assertThat(r.status()).isEqualTo(302);
          assertThat(r.header("Location")).hasValue("/somewhere?x=1");
          assertThat(r.headers())
              .filteredOn(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("set-cookie:"))
              .hasSize(2)
              .anySatisfy(h -> assertThat(h).contains("first=1; Path=/; Max-Age=300"))
              .anySatisfy(h -> assertThat(h).contains("second=2; Path=/; Max-Age=0"));
          loginHeaders(r);
        });
  }

  @ParameterizedTest
  @EnumSource(Containers.class)
  void aPageHasItsStatusTypeBodyCookiesAndTheLoginHeaders(Containers c) throws Exception {
    with(
        c,
        port -> {
          RawHttp r =
              RawHttp.send(port, "GET", CTX + "/page", "127.0.0.1:" + port, List.of(), null);

          assertThat(r.status()).isEqualTo(403);
          assertThat(r.header("Content-Type")).get().asString().startsWith("application/json");
          assertThat(r.body()).isEqualTo("{\"a\":1}");
          assertThat(r.header("Set-Cookie")).get().asString().startsWith("second=2;");
          assertThat(r.header("Location")).isEmpty();
          loginHeaders(r);
        });
  }

  private static void loginHeaders(RawHttp r) {
    assertThat(r.header("Cache-Control")).hasValue("no-store");
    assertThat(r.header("Referrer-Policy")).hasValue("no-referrer");
    assertThat(r.header("X-Content-Type-Options")).hasValue("nosniff");
  }

  /**
   * Queries that are not RFC 3986 and that the container hands to the servlet: Tomcat refuses the
   * characters RFC 3986 does not allow in a query itself (its own 400, before any servlet runs),
   * Jetty passes them on; both pass a malformed percent escape on.
   */
  private static List<String> malformedQueries(Containers c) {
    List<String> both = List.of("state=abc&code=SECRET-ESCAPE%zz", "state=abc&code=SECRET-PCT%");
    List<String> jettyToo =
        List.of(
            "state=abc&code=SECRET-PIPE|x",
            "state=abc&code=SECRET-CARET^x",
            "state=abc&code=SECRET-BRACE{x}",
            "state=abc&code=SECRET-BACKTICK`x",
            "state=abc&code=SECRET-BACKSLASH\\x");
    return c == Containers.JETTY
        ? java.util.stream.Stream.concat(both.stream(), jettyToo.stream()).toList()
        : both;
  }

  @ParameterizedTest
  @EnumSource(Containers.class)
  void aCallbackQueryThatIsNotAUrlIsAPlain400ThatNeitherShowsNorLogsIt(Containers c)
      throws Exception {
    with(
        c,
        port -> {
          for (String query : malformedQueries(c)) {
            try (LogWatch log = LogWatch.start()) {
              RawHttp r =
                  RawHttp.send(
                      port,
                      "GET",
                      CTX + "/github/oauth_callback?" + query,
                      "127.0.0.1:" + port,
                      List.of(),
                      null);

              assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(400);
              assertThat(r.header("Content-Type")).get().asString().startsWith("text/plain");
              assertThat(r.body())
                  .as(query)
                  .isEqualTo("the request's query string is not well-formed\n");
              assertThat(log.text()).as(query).doesNotContain("SECRET");
            }
          }
        });
  }

  @ParameterizedTest
  @EnumSource(Containers.class)
  void traceIsRefusedOnEveryMountedPathWithoutEchoingTheRequest(Containers c) throws Exception {
    try (FakeGitHub github = new FakeGitHub();
        FakeBluesky bluesky = new FakeBluesky();
        Containers.Running running =
            c.start(
                0,
                CTX,
                app(List.of(GitHub.create(github.options()), Bluesky.create(bluesky.options()))))) {
      Map<String, String> allow =
          Map.of(
              "/github/start",
              "GET, HEAD, POST",
              "/github/oauth_callback",
              "GET, HEAD, POST",
              "/bluesky/start",
              "GET, HEAD, POST",
              "/bluesky/oauth_callback",
              "GET, HEAD, POST",
              Bluesky.METADATA_PATH,
              "GET, HEAD",
              "/oauth_dropins/github.svg",
              "GET, HEAD");
      for (String path : allow.keySet()) {
        RawHttp r =
            RawHttp.send(
                running.port(),
                "TRACE",
                CTX + path,
                "127.0.0.1:" + running.port(),
                List.of("X-Echo: ECHO-ME", "Cookie: session=COOKIE-VALUE"),
                null);

        assertThat(r.status()).as(path).isEqualTo(405);
        assertThat(r.body()).as(path).doesNotContain("ECHO-ME").doesNotContain("COOKIE-VALUE");
        if (c == Containers.JETTY) {
          // Tomcat refuses TRACE itself (allowTrace is off by default), with its own Allow.
          assertThat(r.header("Allow")).as(path).hasValue(allow.get(path));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.class)
  void theButtonsAndTheClientMetadataAreServedAndOnlyForTheAppsHost(Containers c) throws Exception {
    try (FakeGitHub github = new FakeGitHub();
        FakeBluesky bluesky = new FakeBluesky();
        Containers.Running running =
            c.start(
                0,
                CTX,
                app(List.of(GitHub.create(github.options()), Bluesky.create(bluesky.options()))))) {
      int port = running.port();
      String host = "127.0.0.1:" + port;

      RawHttp svg =
          RawHttp.send(port, "GET", CTX + "/oauth_dropins/github.svg", host, List.of(), null);
      RawHttp unknown =
          RawHttp.send(port, "GET", CTX + "/oauth_dropins/nope.svg", host, List.of(), null);
      RawHttp bare = RawHttp.send(port, "GET", CTX + "/oauth_dropins", host, List.of(), null);
      RawHttp metadata =
          RawHttp.send(port, "GET", CTX + Bluesky.METADATA_PATH, host, List.of(), null);
      RawHttp elsewhere =
          RawHttp.send(
              port, "GET", CTX + Bluesky.METADATA_PATH, "evil.example:" + port, List.of(), null);

      assertThat(svg.status()).isEqualTo(200);
      assertThat(svg.header("Content-Type")).get().asString().startsWith("image/svg+xml");
      assertThat(svg.header("Cache-Control")).hasValue("public, max-age=86400");
      assertThat(svg.body()).startsWith("<svg").contains("Sign in with GitHub");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(bare.status()).isEqualTo(404);
      assertThat(metadata.status()).isEqualTo(200);
      assertThat(metadata.header("Content-Type")).get().asString().startsWith("application/json");
      assertThat(metadata.header("Cache-Control")).hasValue("public, max-age=3600");
      assertThat(metadata.body())
          .contains("\"client_id\":\"http://" + host + CTX + Bluesky.METADATA_PATH);
      assertThat(elsewhere.status()).isEqualTo(400);
      assertThat(elsewhere.body()).contains("only on localhost").doesNotContain("client_id");
    }
  }
}
