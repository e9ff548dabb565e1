package org.oauthdropins.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Site;
import org.oauthdropins.sites.apple.Apple;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeApple;
import org.oauthdropins.testkit.FakeBluesky;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.LogWatch;
import org.oauthdropins.testkit.RawHttp;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The starter in a Spring Boot app on a real Tomcat, without Spring Security (so without its
 * firewall, which would refuse some of these requests before the library sees them): what the
 * servlets it registers make of requests a browser never sends. Its paths are moved by properties,
 * GitHub comes from properties and Apple and Bluesky are the app's own site beans. The app turns
 * Tomcat's {@code allowTrace} on, as an app may, so TRACE reaches the library's servlets.
 */
class StarterContainerTest {

  static final FakeGitHub GITHUB = new FakeGitHub();
  static final FakeApple APPLE = new FakeApple();
  static final FakeBluesky BLUESKY = new FakeBluesky();

  /** The app's port, chosen before it starts: its base URL names it. */
  static final int PORT = freePort();

  private final int port = PORT;

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Site<?> apple() {
      return Apple.create(APPLE.options());
    }

    @Bean
    Site<?> bluesky() {
      return Bluesky.create(BLUESKY.options());
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> allowTrace() {
      return f -> f.addConnectorCustomizers(c -> c.setAllowTrace(true));
    }
  }

  private static ConfigurableApplicationContext context;

  @BeforeAll
  static void start() throws Exception {
    // Booted by hand: Spring's JUnit extension needs a newer JUnit than the library builds with.
    context =
        new SpringApplicationBuilder(App.class)
            .properties(
                "server.port=" + PORT,
                "server.address=127.0.0.1",
                "oauth-dropins.base-url=http://127.0.0.1:" + PORT,
                "oauth-dropins.start-path=/auth/{site}/go",
                "oauth-dropins.callback-path=/auth/{site}/back",
                "oauth-dropins.button-path=/buttons",
                "oauth-dropins.disconnect.path=/auth/{site}/bye",
                "oauth-dropins.sites.github.client-id=" + GITHUB.credentials().clientId(),
                "oauth-dropins.sites.github.client-secret=" + GITHUB.credentials().clientSecret(),
                "oauth-dropins.sites.github.base-urls.all=" + GITHUB.url(),
                "oauth-dropins.store.directory="
                    + Files.createTempDirectory("starter-store").toString())
            .run();
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    GITHUB.close();
    APPLE.close();
    BLUESKY.close();
  }

  private String host() {
    return "127.0.0.1:" + port;
  }

  @Test
  void aLoginRunsThroughTheMovedPaths() {
    GITHUB.registerRedirectUri(URI.create("http://" + host() + "/auth/github/back"));
    Browser browser = new Browser();

    Browser.Page consent =
        browser.post(URI.create("http://" + host() + "/auth/github/go"), Map.of("state", "s1"));
    Browser.Page done = browser.click(consent, "Approve");

    assertThat(consent.query().get("redirect_uri"))
        .isEqualTo("http://" + host() + "/auth/github/back");
    assertThat(done.redirects()).extracting(URI::getPath).contains("/auth/github/back");
    assertThat(done.url().getPath()).isEqualTo("/");
    assertThat(done.url().getRawQuery()).contains("auth_entity=").contains("state=s1");

    // The disconnect route at its moved path: GitHub revokes the grant, the browser forgets.
    int revoked = GITHUB.oauth().revocationCount();
    Browser.Page gone =
        browser.post(
            URI.create("http://" + host() + "/auth/github/bye"),
            Map.of("auth_entity", done.query().get("auth_entity")));
    assertThat(gone.url().getPath()).as(gone.body()).isEqualTo("/");
    assertThat(gone.url().getRawQuery()).isEqualTo("disconnected=true");
    assertThat(GITHUB.oauth().revocationCount()).isEqualTo(revoked + 1);
  }

  @Test
  void theRelayPostsToTheMountedCallbackUnderTheBaseUrlWhateverTheRequestsPath() {
    RawHttp page =
        RawHttp.send(
            port,
            "POST",
            "//evil.example/..;/auth/apple/back",
            host(),
            List.of(),
            "state=abc&code=the-code");
    RawHttp otherHost =
        RawHttp.send(port, "POST", "/auth/apple/back", "evil.example", List.of(), "state=abc");

    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(Jsoup.parse(page.body()).select("form").attr("action"))
        .isEqualTo("http://" + host() + "/auth/apple/back");
    assertThat(otherHost.status()).isEqualTo(400);
    assertThat(otherHost.body()).doesNotContain("<form");
  }

  @Test
  void aCallbackQueryThatIsNotAUrlIsAPlain400ThatNeitherShowsNorLogsIt() {
    // Tomcat refuses characters a query may not hold itself; a malformed escape reaches us.
    for (String query : List.of("state=abc&code=SECRET-ESCAPE%zz", "state=abc&code=SECRET%")) {
      try (LogWatch log = LogWatch.start()) {
        RawHttp r =
            RawHttp.send(port, "GET", "/auth/github/back?" + query, host(), List.of(), null);

        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("the request's query string is not well-formed\n");
        assertThat(log.text()).as(query).doesNotContain("SECRET");
      }
    }
  }

  @Test
  void aQueryCharacterTomcatRefusesItselfIsA400ThatBootsErrorPageDoesNotQuote() {
    RawHttp r =
        RawHttp.send(
            port, "GET", "/auth/github/back?state=abc&code=SECRET-PIPE|x", host(), List.of(), null);

    // Tomcat answers before any servlet runs; Boot's defaults keep its report off the page.
    // (Tomcat still logs the first such request line once at INFO: see SECURITY.md.)
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("SECRET");
  }

  @Test
  void traceIsRefusedOnEveryMountedPathEvenWhereTomcatWouldAllowIt() {
    for (String path :
        List.of(
            "/auth/github/go",
            "/auth/github/back",
            "/auth/apple/go",
            "/auth/apple/back",
            Bluesky.METADATA_PATH,
            "/buttons/github.svg")) {
      RawHttp r =
          RawHttp.send(
              port,
              "TRACE",
              path,
              host(),
              List.of("X-Echo: ECHO-ME", "Cookie: session=COOKIE-VALUE"),
              null);

      assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(405);
      assertThat(r.body()).as(path).doesNotContain("ECHO-ME").doesNotContain("COOKIE-VALUE");
    }
  }

  @Test
  void theButtonsAndTheClientMetadataAreServedAtTheirPaths() {
    RawHttp svg = RawHttp.send(port, "GET", "/buttons/apple.svg", host(), List.of(), null);
    RawHttp metadata = RawHttp.send(port, "GET", Bluesky.METADATA_PATH, host(), List.of(), null);

    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.body()).startsWith("<svg").contains("Sign in with Apple");
    assertThat(metadata.status()).isEqualTo(200);
    assertThat(metadata.body()).contains("\"client_id\":\"http://" + host());
  }
}
