package org.oauthdropins.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;

/**
 * A servlet app deployed on the context path {@code /app} (a WAR, or Spring Boot's {@code
 * server.servlet.context-path}): the redirect URI the site is given and the finish redirect are
 * both under {@code /app}, in loopback development mode and with a configured base URL.
 */
class ContextPathLoginTest {

  private static void loginUnderApp(int port, java.util.function.IntFunction<BaseUrl> baseUrl)
      throws Exception {
    try (FakeGitHub fake = new FakeGitHub();
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:ctx" + port + ";DB_CLOSE_DELAY=-1")) {
      Logins logins = Logins.forStore(store);
      Server server = new Server(new InetSocketAddress("127.0.0.1", port));
      ServletContextHandler ctx = new ServletContextHandler("/app");
      ctx.addServletContainerInitializer(
          new ServletContainerInitializerHolder(
              (classes, context) -> {
                DropinServlets.mount(
                    context,
                    baseUrl.apply(port),
                    GitHub.create(fake.options()),
                    store,
                    Finish.redirectTo("/after"),
                    logins);
                context
                    .addServlet("after", new ContainerLoginTest.After(logins))
                    .addMapping("/after");
              }));
      server.setHandler(ctx);
      server.start();
      try {
        int actual = server.getURI().getPort();
        URI app = URI.create("http://127.0.0.1:" + actual + "/app/");
        fake.registerRedirectUri(app.resolve("github/oauth_callback"));
        Browser browser = new Browser();
        Browser.Page consent = browser.post(app.resolve("github/start"), Map.of("state", "s1"));
        assertThat(consent.body()).contains("Approve");
        assertThat(consent.query().get("redirect_uri"))
            .as("the redirect URI the site is given")
            .isEqualTo("http://127.0.0.1:" + actual + "/app/github/oauth_callback");
        Browser.Page done = browser.click(consent, "Approve");
        assertThat(done.url().getPath()).as("the finish redirect").isEqualTo("/app/after");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.query()).containsEntry("state", "s1");
        assertThat(done.body()).contains("The Octocat");
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void aLoopbackAppOnAContextPathGetsItsCallbackAndFinishUnderThatPath() throws Exception {
    loginUnderApp(0, port -> BaseUrl.loopback());
  }

  @Test
  void aConfiguredBaseUrlWithThePathGetsItsCallbackAndFinishUnderThatPath() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    loginUnderApp(port, p -> BaseUrl.of("http://127.0.0.1:" + p + "/app"));
  }
}
