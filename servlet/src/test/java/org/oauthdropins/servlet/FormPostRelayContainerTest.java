package org.oauthdropins.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.Mount;
import org.oauthdropins.sites.apple.Apple;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeApple;
import org.oauthdropins.testkit.RawHttp;

/**
 * Apple's form_post callback relay in a real Tomcat 11, which hands the servlet the request target
 * as the client wrote it, without normalising it: the relay page must post to the mounted callback
 * under the app's base URL, whatever path or {@code Host} the request came with.
 */
class FormPostRelayContainerTest {

  private static final String CALLBACK = "/apple/oauth_callback";

  private final FakeApple apple = new FakeApple();
  private Containers.Running tomcat;
  private int port;

  @AfterEach
  void stop() throws Exception {
    if (tomcat != null) {
      tomcat.close();
    }
    apple.close();
  }

  /** Tomcat on a free port with Apple mounted under the context path, finishing at /after. */
  private void start(String contextPath, IntFunction<BaseUrl> baseUrl) throws Exception {
    start(contextPath, baseUrl, "/apple/start", CALLBACK);
  }

  /** The same, with Apple's start and callback at these paths. */
  private void start(
      String contextPath, IntFunction<BaseUrl> baseUrl, String startPath, String callbackPath)
      throws Exception {
    port = Containers.freePort();
    MemoryStore store = new MemoryStore();
    Logins logins = Logins.forStore(store);
    Mount mount =
        Mount.builder(baseUrl.apply(port), Apple.create(apple.options()), store)
            .finish(Finish.redirectTo("/after"))
            .logins(logins)
            .paths(startPath, callbackPath)
            .build();
    tomcat =
        Containers.TOMCAT.start(
            port,
            contextPath,
            (classes, sc) -> {
              DropinServlets.mount(sc, mount);
              sc.addServlet("after", new ContainerLoginTest.After(logins)).addMapping("/after");
            });
    apple.registerRedirectUri(URI.create("http://127.0.0.1:" + port + contextPath + callbackPath));
  }

  private RawHttp post(String target, String host) {
    return RawHttp.send(
        port, "POST", target, host, List.of(), "state=abc&code=the-code&user=%7B%7D");
  }

  /** The relay page's form, which must be there exactly once. */
  private static Element form(RawHttp page) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<Element> forms = Jsoup.parse(page.body()).select("form");
    assertThat(forms).hasSize(1);
    return forms.get(0);
  }

  @Test
  void aTargetTomcatLeavesUnnormalisedIsNotWhereTheRelayPosts() throws Exception {
    start("", p -> BaseUrl.of("http://127.0.0.1:" + p));

    RawHttp page = post("//evil.example/..;" + CALLBACK, "127.0.0.1:" + port);

    Element form = form(page);
    assertThat(form.attr("action")).isEqualTo("http://127.0.0.1:" + port + CALLBACK);
    assertThat(form.select("input[name=code]").attr("value")).isEqualTo("the-code");
    assertThat(page.body()).doesNotContain("evil.example");
  }

  @Test
  void inLoopbackModeTheRelayPostsToTheCallbackOnTheRequestsOwnLoopbackOrigin() throws Exception {
    start("", p -> BaseUrl.loopback());

    RawHttp page = post("//evil.example/..;" + CALLBACK, "127.0.0.1:" + port);

    assertThat(form(page).attr("action")).isEqualTo("http://127.0.0.1:" + port + CALLBACK);
  }

  @Test
  void underAContextPathTheRelayPostsToTheCallbackUnderIt() throws Exception {
    start("/app", p -> BaseUrl.of("http://127.0.0.1:" + p + "/app"));

    RawHttp page = post("/app//evil.example/..;" + CALLBACK, "127.0.0.1:" + port);
    RawHttp plain = post("/app" + CALLBACK, "127.0.0.1:" + port);

    String expected = "http://127.0.0.1:" + port + "/app" + CALLBACK;
    assertThat(form(plain).attr("action")).isEqualTo(expected);
    assertThat(form(page).attr("action")).isEqualTo(expected);
  }

  @Test
  void inLoopbackModeTheContextPathIsTheContextsOwnNotTheRequestsSpelling() throws Exception {
    start("/app", p -> BaseUrl.loopback());

    // Tomcat maps these to the context /app and reports the context path as the client spelled
    // it (path parameters, escapes); the base URL takes the context's own.
    for (String spelled : List.of("//app", "/app;x=y", "/%61pp", "/./app")) {
      RawHttp page = post(spelled + CALLBACK, "127.0.0.1:" + port);

      assertThat(form(page).attr("action"))
          .as(spelled)
          .isEqualTo("http://127.0.0.1:" + port + "/app" + CALLBACK);
    }
  }

  @Test
  void aCallbackMountedElsewhereIsWhereTheRelayPosts() throws Exception {
    start("", p -> BaseUrl.of("http://127.0.0.1:" + p), "/auth/apple/go", "/auth/apple/back");

    RawHttp page = post("//evil.example/..;/auth/apple/back", "127.0.0.1:" + port);

    assertThat(form(page).attr("action"))
        .isEqualTo("http://127.0.0.1:" + port + "/auth/apple/back");
  }

  @Test
  void aRelayForAnotherHostThanTheBaseUrlIsRefused() throws Exception {
    start("", p -> BaseUrl.of("http://127.0.0.1:" + p));

    RawHttp evil = post(CALLBACK, "evil.example");
    RawHttp evilPort = post(CALLBACK, "evil.example:" + port);
    RawHttp otherName = post(CALLBACK, "localhost:" + port);

    for (RawHttp refused : List.of(evil, evilPort, otherName)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body())
          .contains("another host than the app's base URL")
          .doesNotContain("<form")
          .doesNotContain("the-code");
    }
  }

  @Test
  void inLoopbackModeARelayForAHostOffThisMachineIsRefused() throws Exception {
    start("", p -> BaseUrl.loopback());

    RawHttp refused = post(CALLBACK, "evil.example:" + port);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("only on localhost").doesNotContain("<form");
  }

  @Test
  void aCrossSiteFormPostIsRelayedToTheBaseUrlsCallbackAndTheLoginFinishes() throws Exception {
    start("", p -> BaseUrl.of("http://127.0.0.1:" + p));
    URI app = URI.create("http://127.0.0.1:" + port);
    Browser browser = new Browser();
    Browser.Page consent = browser.post(app.resolve("/apple/start"), Map.of("state", "s1"));

    // A browser without the app's cookie stands for the cross-site POST from Apple's page.
    Browser crossSite = new Browser();
    crossSite.click(consent, "Approve");
    List<Browser.Sent> callbacks =
        crossSite.history().stream().filter(s -> s.url().getPath().equals(CALLBACK)).toList();
    assertThat(callbacks).hasSize(2);
    Browser.Sent relayed = callbacks.get(1);
    assertThat(relayed.url()).isEqualTo(app.resolve(CALLBACK));

    Browser.Page done = browser.send(relayed);

    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsKey("auth_entity").containsEntry("state", "s1");
  }
}
