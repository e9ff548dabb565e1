package org.oauthdropins.testkit.attacks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.oauthdropins.Site;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.MutableClock;
import org.oauthdropins.testkit.TestApp;

/**
 * The stage of most attacks: an app with GitHub mounted against the fake GitHub (PKCE, codes,
 * registered callback), a store that witnesses every write, and a clock the test moves. Victim and
 * attacker are {@link Browser}s of their own. A test class holds one as a JUnit extension
 * ({@code @RegisterExtension final Scene scene = new Scene();}), which closes it after each test.
 */
final class Scene implements AutoCloseable, AfterEachCallback {

  final MutableClock clock = new MutableClock();
  final WitnessStore store = new WitnessStore(clock);
  final FakeGitHub github = new FakeGitHub();
  final Site<?> site = GitHub.create(github.options());
  final TestApp app;

  /** The default app: the library's safe finish, loopback base URL. */
  Scene() {
    this(app -> app);
  }

  /** An app set up by {@code configure} (base URL, ...) before GitHub is mounted. */
  Scene(UnaryOperator<TestApp> configure) {
    this.app = configure.apply(new TestApp(store).clock(clock)).mount(site, github);
  }

  /** A browser's POST to GitHub's start from the app's own page, landing on the consent page. */
  Browser.Page start(Browser browser, String state) {
    return browser.post(
        app.url("/github/start"), state == null ? Map.of() : Map.of("state", state));
  }

  /**
   * Approves on a consent page as its user, but returns the callback URL the site redirects to
   * instead of following it: what an attacker does to get a code of their own without spending it.
   */
  static URI approveWithoutFollowing(Browser.Page consent) {
    Element form = consent.html().selectFirst("form");
    Map<String, String> data = new LinkedHashMap<>();
    for (Element input : form.select("input[name]")) {
      data.put(input.attr("name"), input.val());
    }
    data.put("decision", "approve");
    HttpRequest post =
        HttpRequest.newBuilder(URI.create(form.absUrl("action")))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(Form.encode(data)))
            .build();
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
      return URI.create(r.headers().firstValue("Location").orElseThrow());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A query parameter of a URL. */
  static String param(URI url, String name) {
    return Form.decode(url.getRawQuery()).get(name);
  }

  /** The same callback path with another query. */
  URI callback(String query) {
    return app.url("/github/oauth_callback?" + query);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    app.close();
    github.close();
  }
}
