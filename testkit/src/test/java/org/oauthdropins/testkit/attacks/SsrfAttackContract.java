package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.atproto.TxtResolver;
import org.oauthdropins.http.AddressLiterals;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.Transports;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.indieauth.IndieAuthSite;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.sites.pixelfed.Pixelfed;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeBluesky;
import org.oauthdropins.testkit.FakeMastodon;
import org.oauthdropins.testkit.TestApp;

/**
 * Server-side request forgery through the URLs users type (issue 14): an IndieAuth {@code me}, a
 * Mastodon or Pixelfed instance, a Bluesky handle and the PDS its DID document names. Whatever the
 * form of the address, however it is reached (directly, after a redirect from a public-looking
 * host, or after DNS changes its answer), the app never fetches from loopback (unless it opted in),
 * private, link-local or otherwise non-public addresses. DNS is scripted: names resolve only
 * through the guard's resolver, which the system resolver knows nothing of.
 *
 * <p>The address rules themselves, one by one, are in core's {@code GuardedTransportTest}; here
 * each is proved through the sites' own start handlers. The contract every guard's HTTP client is
 * held to ({@link SsrfAttackTest} for the library's own, the module {@code http-apache} for Apache
 * HttpClient's), with the same assertions.
 */
public abstract class SsrfAttackContract {

  /** The transports under test: the library's own, or the module http-apache's. */
  protected abstract Transports transports();

  private final Browser browser = new Browser();
  private final List<AutoCloseable> open = new java.util.ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** DNS as an attacker runs it: each lookup gets the next answer, the last one repeating. */
  private static final class Dns implements GuardPolicy.Resolver {
    private final Map<String, Deque<InetAddress>> answers = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();

    Dns answer(String host, InetAddress... successive) {
      answers.put(host, new ArrayDeque<>(List.of(successive)));
      return this;
    }

    @Override
    public synchronized List<InetAddress> resolve(String host) throws UnknownHostException {
      lookups.incrementAndGet();
      Deque<InetAddress> a = answers.get(host);
      if (a == null) {
        throw new UnknownHostException(host);
      }
      return List.of(a.size() > 1 ? a.poll() : a.peek());
    }
  }

  private TestApp app(GuardPolicy policy, Site<?>... sites) {
    TestApp app = new TestApp(new MemoryStore());
    for (Site<?> s : sites) {
      app.mount(s);
    }
    open.add(app);
    return app;
  }

  private SiteOptions guarded(GuardPolicy policy) {
    return SiteOptions.defaults().withTransport(transports().guard(policy));
  }

  /** Every site with a user-typed URL, in production settings, with this resolver. */
  private TestApp production(Dns dns) {
    GuardPolicy strict = GuardPolicy.STRICT.withResolver(dns);
    return app(
        strict,
        IndieAuthSite.create(guarded(strict)),
        Mastodon.create(guarded(strict)),
        Pixelfed.create(guarded(strict)),
        Bluesky.builder(guarded(strict)).txtResolver(TxtResolver.none()).build());
  }

  /** The start form of each site, naming the given host as the user would type it. */
  private static Map<String, Map<String, String>> startsNaming(String host) {
    return Map.of(
        "/indieauth/start", Map.of("me", "https://" + host + "/"),
        "/mastodon/start", Map.of("instance", host),
        "/pixelfed/start", Map.of("instance", "https://" + host),
        "/bluesky/start", Map.of("handle", host));
  }

  private void assertEveryStartRefused(TestApp app, String host, String... why) {
    startsNaming(host)
        .forEach(
            (path, form) -> {
              Browser.Page page = browser.post(app.url(path), form);
              assertThat(page.status()).as(path + " " + form + ": " + page.body()).isEqualTo(400);
              assertThat(page.body()).as(path + " " + form).containsAnyOf(why);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.0.1",
        "100.64.0.1",
        "169.254.169.254",
        "0.0.0.0",
        "::1",
        "fd00::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "::ffff:10.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "2002:a00:1::1"
      })
  void aTypedUrlWhoseNameResolvesToANonPublicAddressIsRefusedAtEverySite(String address) {
    Dns dns = new Dns().answer("victim.example.com", AddressLiterals.parse(address));
    assertEveryStartRefused(production(dns), "victim.example.com", "non-public address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2130706433", "0177.0.0.1", "0x7f000001", "017700000001", "012.0.0.1"})
  void aTypedIpAddressInAnAmbiguousFormIsRefusedBeforeAnyLookupOrConnection(String host) {
    // The JDK reads 0177.0.0.1 as 177.0.0.1 and inet_aton as 127.0.0.1; 2130706433 is 127.0.0.1.
    Dns dns = new Dns();
    TestApp app = production(dns);
    for (String path : List.of("/mastodon/start", "/pixelfed/start")) {
      Browser.Page page = browser.post(app.url(path), Map.of("instance", "https://" + host));
      assertThat(page.status()).as(path + " " + page.body()).isEqualTo(400);
      assertThat(page.body()).as(path).containsAnyOf("ambiguous form", "not an instance");
    }
    Browser.Page me = browser.post(app.url("/indieauth/start"), Map.of("me", "https://" + host));
    assertThat(me.status()).as(me.body()).isEqualTo(400);
    assertThat(dns.lookups).hasValue(0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://@alice@victim.example.com",
        "https://alice@victim.example.com/",
        "https://victim.example.com/@alice",
        "https://alice@mastodon.social@victim.example.com",
        "https://mastodon.social/@alice@victim.example.com"
      })
  void aHandleInsideTheInstanceUrlLeavesTheGuardInCharge(String typed) {
    // Issue 28: a handle in the URL is read as Python reads it (the host after the last @, the
    // handle dropped), or refused where two hosts make it ambiguous; never a way around the guard.
    Dns dns = new Dns().answer("victim.example.com", AddressLiterals.parse("10.0.0.1"));
    TestApp app = production(dns);
    for (String path : List.of("/mastodon/start", "/pixelfed/start")) {
      Browser.Page page = browser.post(app.url(path), Map.of("instance", typed));
      assertThat(page.status()).as(path + " " + typed + ": " + page.body()).isEqualTo(400);
      assertThat(page.body())
          .as(path + " " + typed)
          .containsAnyOf("non-public address", "not an instance");
    }
  }

  @Test
  void aRedirectFromAPublicLookingHostToANonPublicAddressIsRefused() throws IOException {
    // public.example stands for a host on the internet (tests opt in to loopback to run it);
    // it answers every request with a redirect into the app's own network.
    AtomicReference<String> target = new AtomicReference<>();
    AtomicInteger redirects = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/",
        ex -> {
          redirects.incrementAndGet();
          ex.getResponseHeaders().set("Location", target.get());
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.start();
    open.add(() -> server.stop(0));
    String origin = "http://public.example:" + server.getAddress().getPort();
    Dns dns =
        new Dns()
            .answer("public.example", AddressLiterals.parse("127.0.0.1"))
            .answer("internal.example", AddressLiterals.parse("10.0.0.5"))
            .answer("mapped.example", AddressLiterals.parse("::ffff:192.168.1.1"));
    GuardPolicy dev = GuardPolicy.LOCAL_DEVELOPMENT.withResolver(dns);
    // Instances only: an IndieAuth profile URL may not carry the port this test server needs
    // (core's GuardedTransportTest proves the rule for any fetch).
    TestApp app = app(dev, Mastodon.create(guarded(dev)), Pixelfed.create(guarded(dev)));
    for (String location :
        List.of(
            "http://internal.example/admin",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
            "http://mapped.example/",
            "http://10.1.2.3:8080/",
            "http://0177.0.0.1/")) {
      target.set(location);
      int before = redirects.get();
      Browser.Page mastodon = browser.post(app.url("/mastodon/start"), Map.of("instance", origin));
      Browser.Page pixelfed = browser.post(app.url("/pixelfed/start"), Map.of("instance", origin));
      for (Browser.Page page : List.of(mastodon, pixelfed)) {
        assertThat(page.status()).as(location + ": " + page.body()).isEqualTo(400);
        assertThat(page.body()).as(location).containsAnyOf("non-public address", "ambiguous form");
      }
      assertThat(redirects.get()).as(location).isEqualTo(before + 2);
    }
  }

  @Test
  void aNameThatRebindsToAPrivateAddressAfterItWasCheckedIsRefusedAtTheNextFetch() {
    // The instance's first lookup answers the (test-allowed) loopback fake; every later one, an
    // address in the app's network. The registration POST must not go there.
    FakeMastodon mastodon = new FakeMastodon();
    open.add(mastodon);
    Dns dns =
        new Dns()
            .answer(
                "rebind.example",
                AddressLiterals.parse("127.0.0.1"),
                AddressLiterals.parse("10.0.0.1"));
    GuardPolicy dev = GuardPolicy.LOCAL_DEVELOPMENT.withResolver(dns);
    TestApp app = app(dev, Mastodon.create(guarded(dev)));
    Browser.Page page =
        browser.post(
            app.url("/mastodon/start"),
            Map.of("instance", "http://rebind.example:" + mastodon.url().getPort()));
    assertThat(page.status()).as(page.body()).isEqualTo(400);
    assertThat(page.body()).contains("rebind.example resolves to a non-public address");
    assertThat(mastodon.registrations()).isZero();
    assertThat(dns.lookups).hasValue(2);
  }

  @Test
  void eachFetchConnectsToTheAddressTheGuardCheckedNeverToAFreshLookup() {
    // pinned.example exists only in the guard's resolver: had a connection been made by name, the
    // system resolver would have had to answer, and could not. The app registers at the instance,
    // so its fetches reached the fake through the address the guard resolved and checked.
    FakeMastodon mastodon = new FakeMastodon();
    open.add(mastodon);
    Dns dns = new Dns().answer("pinned.example", AddressLiterals.parse("127.0.0.1"));
    GuardPolicy dev = GuardPolicy.LOCAL_DEVELOPMENT.withResolver(dns);
    TestApp app = app(dev, Mastodon.create(guarded(dev)));
    String instance = "http://pinned.example:" + mastodon.url().getPort();
    try {
      browser.post(app.url("/mastodon/start"), Map.of("instance", instance));
    } catch (RuntimeException e) {
      // The test's browser cannot follow the redirect to pinned.example: only the guard knows it.
    }
    assertThat(mastodon.registrations()).isEqualTo(1);
    assertThat(app.store().getApp("mastodon", instance)).isPresent();
    // At least GET /api/v1/instance and POST /api/v1/apps, each resolved by the guard itself.
    assertThat(dns.lookups.get()).isGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://[::ffff:10.0.0.1]:2583",
        "http://[::ffff:a9fe:a9fe]",
        "http://[fe80::1]:2583",
        "http://[fd00::1]:2583",
        "http://167772161:2583",
        "http://012.0.0.1:2583",
        "http://0x7f000001:2583"
      })
  void aDidDocumentNamingAPdsAtAMappedNumericOrLinkLocalAddressIsRefused(String pds) {
    // Development settings (loopback allowed, the fake PLC directory): the attacker controls
    // their DID document, and with it the PDS URL the app fetches next.
    FakeBluesky bluesky = new FakeBluesky();
    open.add(bluesky);
    bluesky.addAccount("attacker.test", "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa", "x", pds);
    TestApp app = app(GuardPolicy.LOCAL_DEVELOPMENT, Bluesky.create(bluesky.options()));
    Browser.Page page = browser.post(app.url("/bluesky/start"), Map.of("handle", "attacker.test"));
    assertThat(page.status()).as(page.body()).isEqualTo(400);
    assertThat(page.body())
        .containsAnyOf("non-public address", "ambiguous form", "no host", "not fetched");
  }
}
