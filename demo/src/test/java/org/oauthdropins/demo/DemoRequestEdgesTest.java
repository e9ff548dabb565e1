package org.oauthdropins.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.testkit.LogWatch;
import org.oauthdropins.testkit.RawHttp;

/**
 * The demo's answers to requests no browser sends, over raw HTTP: TRACE on any of its paths, and a
 * URL whose query is not RFC 3986 (Jetty passes {@code |} and bad escapes on).
 */
class DemoRequestEdgesTest {

  @TempDir Path dir;

  private Demo start() throws Exception {
    return Demo.start("--port", "0", "--sandbox", "--db", "jdbc:h2:" + dir.resolve("db"));
  }

  @Test
  void traceIsRefusedOnEveryPathWithoutEchoingTheRequest() throws Exception {
    try (Demo demo = start()) {
      for (String path :
          List.of(
              "/",
              "/github/start",
              "/github/oauth_callback",
              "/apple/oauth_callback",
              "/bluesky/client-metadata.json",
              "/oauth_dropins/github.svg",
              "/logout",
              "/no-such-page")) {
        RawHttp r =
            RawHttp.send(
                demo.port(),
                "TRACE",
                path,
                "127.0.0.1:" + demo.port(),
                List.of("X-Echo: ECHO-ME", "Cookie: session=COOKIE-VALUE"),
                null);

        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(405);
        assertThat(r.body()).as(path).doesNotContain("ECHO-ME").doesNotContain("COOKIE-VALUE");
      }
    }
  }

  @Test
  void aQueryThatIsNotAUrlIsAPlain400ThatNeitherShowsNorLogsIt() throws Exception {
    try (Demo demo = start()) {
      for (String target :
          List.of(
              "/?auth_entity=SECRET-PIPE|x",
              "/github/oauth_callback?state=abc&code=SECRET-PIPE|x",
              "/github/oauth_callback?state=abc&code=SECRET-ESCAPE%zz",
              "/apple/oauth_callback?state=abc&code=SECRET-CARET^x")) {
        try (LogWatch log = LogWatch.start()) {
          RawHttp r =
              RawHttp.send(demo.port(), "GET", target, "127.0.0.1:" + demo.port(), List.of(), null);

          assertThat(r.status()).as(target + ": " + r.body()).isEqualTo(400);
          assertThat(r.body()).isEqualTo("the request's query string is not well-formed\n");
          assertThat(log.text()).as(target).doesNotContain("SECRET");
        }
      }
      RawHttp logout =
          RawHttp.send(
              demo.port(),
              "POST",
              "/logout?k=SECRET-PIPE|x",
              "127.0.0.1:" + demo.port(),
              List.of(),
              "key=x");
      assertThat(logout.status()).isEqualTo(400);
      assertThat(logout.body()).doesNotContain("SECRET");
    }
  }
}
