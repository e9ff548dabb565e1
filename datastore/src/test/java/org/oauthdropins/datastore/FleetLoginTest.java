package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.TestPostgres;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.TestApp;
import org.oauthdropins.web.WebRequest;

/**
 * Many app servers, one store: a login started on one server and finished on another succeeds,
 * because nothing it needs between start and callback lives in one process's memory. Two {@link
 * TestApp}s stand for two servers behind a load balancer; the callback that the provider sends to
 * the first is delivered to the second, as a balancer may do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetLoginTest {

  private FakeGitHub github;
  private Site<?> site;
  private final HttpClient noRedirects =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  void startGitHub() {
    github = new FakeGitHub();
    site = GitHub.create(github.options());
  }

  @AfterAll
  void stopGitHub() {
    github.close();
  }

  @Test
  void postgresFleet() throws Exception {
    loginAcrossServers(() -> new JdbcStore(TestPostgres.dataSource()));
  }

  @Test
  void datastoreFleet() throws Exception {
    String host = Emulator.get().hostPort();
    loginAcrossServers(() -> DatastoreStore.emulator(host, Emulator.PROJECT));
  }

  @Test
  void datastoreFleetSealingThePythonKindsToo() throws Exception {
    String host = Emulator.get().hostPort();
    loginAcrossServers(() -> DatastoreStore.emulator(host, Emulator.PROJECT).sealingPythonKinds());
  }

  @Test
  void serversWithoutASharedStoreCannotFinishEachOthersLogins() throws Exception {
    // The control: the same choreography fails when each server keeps its own state.
    try (TestApp a = TestApp.withTokensInFinish(new MemoryStore()).mount(site, github);
        TestApp b = TestApp.withTokensInFinish(new MemoryStore()).mount(site, github)) {
      Browser browser = new Browser();
      URI callback = approveAt(noRedirects, browser, a, "s");
      Browser.Page done = browser.get(onServer(callback, b));
      assertThat(done.status()).isEqualTo(400);
      assertThat(done.body()).contains("unknown, expired or already used state");
    }
  }

  /** Each server opens its own connection to the shared store, as separate processes would. */
  private void loginAcrossServers(Supplier<AuthStore> connect) throws Exception {
    try (AuthStore storeA = connect.get();
        AuthStore storeB = connect.get();
        TestApp a = TestApp.withTokensInFinish(storeA).mount(site, github);
        TestApp b = TestApp.withTokensInFinish(storeB).mount(site, github)) {
      Browser browser = new Browser();
      URI callback = approveAt(noRedirects, browser, a, "fleet-state");
      assertThat(callback.getPort()).isEqualTo(a.url().getPort());

      Browser.Page done = browser.get(onServer(callback, b));

      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(done.url().getPort()).isEqualTo(b.url().getPort());
      assertThat(done.query()).containsEntry("state", "fleet-state").containsKey("access_token");
      Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
      // Server A sees the login that B stored...
      assertThat(site.load(a.store(), key)).isPresent();
      // ...and reads the browser's login list that B signed.
      String cookie =
          browser.cookies().getCookieStore().getCookies().stream()
              .filter(c -> c.getName().equals(Logins.COOKIE))
              .findFirst()
              .orElseThrow()
              .getValue();
      assertThat(a.logins().get(requestWithCookie(a, cookie)))
          .extracting(Logins.Login::key)
          .contains(key);

      // The state was spent on B: replaying the callback on A is refused.
      Browser.Page replay = browser.get(callback);
      assertThat(replay.status()).isEqualTo(400);
    }
  }

  /**
   * Starts a login at server {@code app} and approves it at the fake GitHub, stopping at GitHub's
   * redirect back: returns the callback URL the provider sent the browser to.
   */
  static URI approveAt(HttpClient noRedirects, Browser browser, TestApp app, String state)
      throws Exception {
    Browser.Page consent = browser.post(app.url("/github/start"), Map.of("state", state));
    Element form = consent.html().selectFirst("form");
    Map<String, String> data = new LinkedHashMap<>();
    for (Element input : form.select("input[name]")) {
      data.put(input.attr("name"), input.val());
    }
    data.put("decision", "approve");
    HttpResponse<String> redirect =
        noRedirects.send(
            HttpRequest.newBuilder(URI.create(form.absUrl("action")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Form.encode(data)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(redirect.statusCode()).as(redirect.body()).isBetween(300, 399);
    return URI.create(redirect.headers().firstValue("location").orElseThrow());
  }

  /** The same request, delivered to another server. */
  private static URI onServer(URI callback, TestApp server) {
    return URI.create(server.url() + callback.getRawPath() + "?" + callback.getRawQuery());
  }

  private static WebRequest requestWithCookie(TestApp app, String cookie) {
    return new WebRequest() {
      @Override
      public URI url() {
        return app.url("/");
      }

      @Override
      public String method() {
        return "POST";
      }

      @Override
      public Optional<String> header(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<String> parameter(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<String> cookie(String name) {
        return name.equals(Logins.COOKIE) ? Optional.of(cookie) : Optional.empty();
      }
    };
  }
}
