package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Site;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.OutboundProxy;
import org.oauthdropins.http.Transports;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Logins behind an outbound proxy, through {@link ConnectProxy} on real loopback sockets: the plain
 * transport through the proxy, the SSRF guard through a CONNECT tunnel to the address it checked,
 * the guard refusing a forbidden destination before the proxy hears of it, and NO_PROXY. The
 * contract every transport is held to ({@link ProxyTest} for the library's own, the module {@code
 * http-apache} for Apache HttpClient's), with the same assertions.
 */
public abstract class ProxyContract {

  /** The implementation under test. */
  protected abstract Transports transports();

  private final ConnectProxy proxy = newProxy();
  private final Browser browser = new Browser();
  private Fake fake;
  private TestApp app;

  private static ConnectProxy newProxy() {
    try {
      return new ConnectProxy();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
    if (fake != null) {
      fake.close();
    }
    proxy.close();
  }

  private Browser.Page login(Fake f, Site<?> site) {
    fake = f;
    app = new TestApp(new MemoryStore()).mount(site, f);
    return browser.click(
        browser.post(app.url("/" + site.name() + "/start"), f.startParams()), "Approve");
  }

  private GuardedTransport guard(GuardPolicy policy, OutboundProxy p) {
    return transports()
        .guard(policy, Limits.DEFAULT, (SSLSocketFactory) SSLSocketFactory.getDefault(), p);
  }

  private HttpTransport trusted(OutboundProxy p) {
    return transports().trusted(Limits.DEFAULT, p, null, GuardPolicy.Resolver.system());
  }

  @Test
  void aLoginReachesTheSiteThroughTheProxy() {
    FakeGitHub github = new FakeGitHub();
    HttpTransport viaProxy = trusted(OutboundProxy.to(proxy.url()));

    Browser.Page done = login(github, GitHub.create(github.options().withTransport(viaProxy)));

    assertThat(done.query()).containsKey("auth_entity");
    String origin = github.url().toString();
    assertThat(proxy.requests())
        .as("the token request and the profile request both went through the proxy")
        .contains("POST " + origin + "/login/oauth/access_token")
        .anySatisfy(r -> assertThat(r).startsWith("POST " + origin + "/graphql"));
  }

  @Test
  void theGuardTunnelsToTheAddressItCheckedNotToTheName() {
    FakeMastodon mastodon = new FakeMastodon();
    GuardedTransport guarded = guard(GuardPolicy.LOCAL_DEVELOPMENT, OutboundProxy.to(proxy.url()));
    Site<?> site = Mastodon.create(mastodon.options().withTransport(guarded));
    // The user types the instance by name; the guard resolves and checks it itself.
    fake = mastodon;
    app = new TestApp(new MemoryStore()).mount(site, mastodon);
    String byName = "http://localhost:" + mastodon.url().getPort();

    Browser.Page done =
        browser.click(
            browser.post(app.url("/mastodon/start"), Map.of("instance", byName)), "Approve");

    assertThat(done.query()).containsKey("auth_entity");
    List<String> requests = proxy.requests();
    assertThat(requests).isNotEmpty();
    assertThat(requests)
        .allSatisfy(
            r ->
                assertThat(r)
                    .matches(
                        "CONNECT (127\\.0\\.0\\.1|\\[0:0:0:0:0:0:0:1\\]):"
                            + mastodon.url().getPort()));
  }

  @Test
  void theGuardRefusesAForbiddenDestinationWithoutAskingTheProxy() {
    GuardedTransport strict = guard(GuardPolicy.STRICT, OutboundProxy.to(proxy.url()));

    for (String url :
        List.of(
            "https://10.1.2.3/.well-known/oauth-authorization-server",
            "https://169.254.169.254/latest/meta-data/",
            "https://localhost:" + proxy.address().getPort() + "/",
            "http://example.com/")) {
      assertThatThrownBy(() -> strict.send(HttpCall.get(URI.create(url))))
          .as(url)
          .isInstanceOf(UnsafeUrlException.class);
    }
    assertThat(proxy.requests()).isEmpty();
  }

  @Test
  void hostsOnTheNoProxyListGoDirect() {
    FakeGitHub github = new FakeGitHub();
    OutboundProxy bypassed = OutboundProxy.to(proxy.url()).withNoProxy("localhost, 127.0.0.1");

    Browser.Page done =
        login(github, GitHub.create(github.options().withTransport(trusted(bypassed))));

    assertThat(done.query()).containsKey("auth_entity");
    assertThat(proxy.requests()).isEmpty();
  }

  @Test
  void theGuardToANoProxyHostGoesDirect() {
    FakeMastodon mastodon = new FakeMastodon();
    OutboundProxy bypassed = OutboundProxy.to(proxy.url()).withNoProxy("127.0.0.1");
    Site<?> site =
        Mastodon.create(
            mastodon.options().withTransport(guard(GuardPolicy.LOCAL_DEVELOPMENT, bypassed)));

    assertThat(login(mastodon, site).query()).containsKey("auth_entity");
    assertThat(proxy.requests()).isEmpty();
  }
}
