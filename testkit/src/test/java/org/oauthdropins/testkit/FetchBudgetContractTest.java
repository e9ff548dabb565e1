package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.OutboundProxy;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Every fetch of a start and of a callback runs within the browser request's one time budget (issue
 * 14, finding 9), which the handlers pass to the site (issue 21): for every site, each fetch of
 * each leg in turn hangs at an outbound proxy, and the leg must end with the budget (1 s), not with
 * that fetch's own time limit (15 s). A fetch path that ignores the budget, however deep in an
 * engine, a discovery, a profile or its extras, holds the request for its own limit and fails here.
 */
class FetchBudgetContractTest {

  /** Short, since every held leg of every site waits it out (60 sites: minutes of CI). */
  private static final Duration BUDGET = Duration.ofSeconds(1);

  /** Well below the fetch's own limit (15 s), well above the budget. */
  private static final Duration BOUND = Duration.ofSeconds(9);

  private static final Limits LIMITS = Limits.DEFAULT.withRequestBudget(BUDGET);

  static java.util.stream.Stream<SiteCase> sites() {
    return SiteContractTest.sites();
  }

  /** One app in front of a fresh fake, whose site reaches the fake through the proxy. */
  private static final class Login implements AutoCloseable {
    final Fake fake;
    final Site<?> site;
    final TestApp app;
    final Browser browser = new Browser();

    Login(SiteCase c, ConnectProxy proxy) {
      fake = c.fake().get();
      SiteOptions o = fake.options();
      OutboundProxy via = OutboundProxy.to(proxy.url());
      HttpTransport t =
          o.transport() instanceof GuardedTransport g
              ? new GuardedTransport(
                  g.policy(), LIMITS, (SSLSocketFactory) SSLSocketFactory.getDefault(), via)
              : new JdkTransport(LIMITS, via);
      site = Sites.byName(c.name()).orElseThrow().create(o.withTransport(t));
      app = new TestApp(new MemoryStore()).mount(site, fake);
    }

    Browser.Page start() {
      return browser.post(app.url("/" + site.name() + "/start"), fake.startParams());
    }

    @Override
    public void close() {
      app.close();
      fake.close();
    }
  }

  private static ConnectProxy proxy() {
    try {
      return new ConnectProxy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many fetches the start and the callback of an approved login make. */
  private static int[] fetches(SiteCase c) {
    try (ConnectProxy proxy = proxy();
        Login login = new Login(c, proxy)) {
      Browser.Page consent = login.start();
      assertThat(consent.status()).as(c.name() + " start: " + consent.body()).isEqualTo(200);
      int start = proxy.forwarded();
      Browser.Page done = login.browser.click(consent, "Approve");
      assertThat(done.status()).as(c.name() + " login: " + done.body()).isEqualTo(200);
      return new int[] {start, proxy.forwarded() - start};
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void everyFetchOfAStartAndOfACallbackEndsWithTheBrowserRequestsBudget(SiteCase c) {
    int[] n = fetches(c);
    assertThat(n[0] + n[1]).as(c.name() + " fetches something").isPositive();
    for (int k = 1; k <= n[0]; k++) {
      try (ConnectProxy proxy = proxy();
          Login login = new Login(c, proxy)) {
        proxy.hold(k);
        long began = System.nanoTime();
        Browser.Page page = login.start();
        assertThat(Duration.ofNanos(System.nanoTime() - began))
            .as(c.name() + " start, fetch " + k + " of " + n[0] + " hangs: " + page.status())
            .isLessThan(BOUND);
      }
    }
    for (int k = 1; k <= n[1]; k++) {
      try (ConnectProxy proxy = proxy();
          Login login = new Login(c, proxy)) {
        Browser.Page consent = login.start();
        proxy.hold(k);
        long began = System.nanoTime();
        Browser.Page page = login.browser.click(consent, "Approve");
        assertThat(Duration.ofNanos(System.nanoTime() - began))
            .as(c.name() + " callback, fetch " + k + " of " + n[1] + " hangs: " + page.status())
            .isLessThan(BOUND);
        assertThat(page.status()).as(c.name() + " callback").isNotEqualTo(500);
      }
    }
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> formLogins() {
    return SiteContractTest.formLogins();
  }

  /** A login from a form of the app's own (Bluesky's app password) keeps the same budget. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formLogins")
  void everyFetchOfALoginFromAFormOfTheAppsEndsWithTheBrowserRequestsBudget(
      SiteCase c, SiteCase.FormLogin form) {
    int n;
    try (ConnectProxy proxy = proxy();
        Login login = new Login(c, proxy)) {
      Browser.Page done = login.browser.post(login.app.url(form.path()), form.fields());
      assertThat(done.status()).as(c.name() + " form login: " + done.body()).isEqualTo(200);
      n = proxy.forwarded();
    }
    assertThat(n).as(c.name() + " form login fetches something").isPositive();
    for (int k = 1; k <= n; k++) {
      try (ConnectProxy proxy = proxy();
          Login login = new Login(c, proxy)) {
        proxy.hold(k);
        long began = System.nanoTime();
        Browser.Page page = login.browser.post(login.app.url(form.path()), form.fields());
        assertThat(Duration.ofNanos(System.nanoTime() - began))
            .as(c.name() + " " + form + ", fetch " + k + " of " + n + " hangs: " + page.status())
            .isLessThan(BOUND);
      }
    }
  }
}
