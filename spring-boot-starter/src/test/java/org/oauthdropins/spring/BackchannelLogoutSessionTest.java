package org.oauthdropins.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeOidc;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The starter signing users in to Spring Security ({@code oauth-dropins.security.sign-in=true}) on
 * a real Tomcat, with an OpenID Connect site against {@link FakeOidc}: a back-channel logout token
 * from the provider ends the HTTP session the login was signed in to, so the user's next request is
 * anonymous; a forged one ends nothing.
 */
class BackchannelLogoutSessionTest {

  static final FakeOidc PROVIDER = FakeOidc.standalone(true);
  static final String SUB = "f1b2c3d4-0000-4000-8000-00000000abcd";
  static final int PORT = freePort();

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableWebSecurity
  static class App {
    @Bean
    Site<?> sandbox() {
      return Oidc.create("sandbox", PROVIDER.issuer(), PROVIDER.options());
    }

    /** The app's own page: who is signed in, and the CSRF input its forms need. */
    @Bean
    ServletRegistrationBean<HttpServlet> me() {
      HttpServlet page =
          new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                throws IOException {
              resp.setContentType("text/html; charset=utf-8");
              String who =
                  req.getUserPrincipal() == null ? "anonymous" : req.getUserPrincipal().getName();
              resp.getWriter()
                  .write(
                      "<p id=who>"
                          + who
                          + "</p><form>"
                          + DropinSecurity.csrfInput(req)
                          + "</form>");
            }
          };
      return new ServletRegistrationBean<>(page, "/me");
    }

    @Bean
    SecurityFilterChain app(HttpSecurity http) throws Exception {
      return http.securityMatcher("/me")
          .authorizeHttpRequests(a -> a.anyRequest().permitAll())
          .build();
    }
  }

  private static ConfigurableApplicationContext context;

  @BeforeAll
  static void start() throws Exception {
    context =
        new SpringApplicationBuilder(App.class)
            .properties(
                "server.port=" + PORT,
                "server.address=127.0.0.1",
                "oauth-dropins.base-url=" + base(),
                "oauth-dropins.security.sign-in=true",
                "oauth-dropins.finish-path=/me",
                "oauth-dropins.store.directory="
                    + Files.createTempDirectory("starter-store").toString())
            .run();
    PROVIDER.registerRedirectUri(URI.create(base() + "/sandbox/oauth_callback"));
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    PROVIDER.close();
  }

  private static String base() {
    return "http://127.0.0.1:" + PORT;
  }

  private static String who(Browser browser) {
    return Jsoup.parse(browser.get(URI.create(base() + "/me")).body()).select("#who").text();
  }

  private static Browser signedIn() {
    Browser browser = new Browser();
    String csrf =
        Jsoup.parse(browser.get(URI.create(base() + "/me")).body())
            .select("input[name=_csrf]")
            .val();
    Browser.Page consent =
        browser.post(URI.create(base() + "/sandbox/start"), Map.of("_csrf", csrf));
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.url().getPath()).isEqualTo("/me");
    assertThat(who(browser)).isEqualTo("SandboxAuth:" + SUB);
    return browser;
  }

  @Test
  void aBackchannelLogoutEndsTheSessionItsLoginSignedIn() {
    Browser browser = signedIn();
    DropinSessions sessions = context.getBean(DropinSessions.class);
    assertThat(sessions.sessionsOf(new Key("SandboxAuth", SUB))).isEqualTo(1);

    // A forged token ends nothing.
    URI receiver = URI.create(base() + "/sandbox/backchannel-logout");
    assertThat(
            PROVIDER.sendLogoutToken(
                receiver, PROVIDER.logoutToken(SUB, null, FakeOidc.LogoutAttack.FORGED)))
        .isEqualTo(400);
    assertThat(who(browser)).isEqualTo("SandboxAuth:" + SUB);

    assertThat(PROVIDER.sendLogoutToken(receiver, PROVIDER.logoutToken(SUB, null, null)))
        .isEqualTo(200);

    assertThat(who(browser)).isEqualTo("anonymous");
    assertThat(sessions.sessionsOf(new Key("SandboxAuth", SUB))).isZero();
  }
}
