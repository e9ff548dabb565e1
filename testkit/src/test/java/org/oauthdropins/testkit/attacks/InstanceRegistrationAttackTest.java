package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.fediverse.Fediverse;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeAkkoma;
import org.oauthdropins.testkit.FakeGoToSocial;
import org.oauthdropins.testkit.FakeMastodon;
import org.oauthdropins.testkit.FakePixelfed;
import org.oauthdropins.testkit.FakeResponse;
import org.oauthdropins.testkit.TestApp;

/**
 * Issue 14 finding 3 (and the Host-header part of finding 2 for instances): what an anonymous
 * browser can do to the app's Mastodon registrations. A registration is shared by every user of an
 * instance, so whoever can replace it can break every login there, and whoever can choose what it
 * names can have codes sent to a host of their own.
 */
class InstanceRegistrationAttackTest {

  private FakeMastodon mastodon;
  private MemoryStore store;
  private TestApp app;
  private String instance;

  @BeforeEach
  void setUp() {
    mastodon = new FakeMastodon();
    instance = mastodon.url().toString();
    store = new MemoryStore();
    app = new TestApp(store).mount(Mastodon.create(mastodon.options()));
  }

  @AfterEach
  void tearDown() {
    app.close();
    mastodon.close();
  }

  private Browser.Page start(Browser browser, Map<String, String> form) {
    return browser.post(app.url("/mastodon/start"), form);
  }

  private String storedClientId() {
    return store.getApp("mastodon", instance).orElseThrow().clientId();
  }

  @Test
  void anExtraScopeInAStartDoesNotReplaceTheRegistration() {
    Browser victim = new Browser();
    Browser.Page consent = start(victim, Map.of("instance", instance, "state", "v"));
    String clientId = storedClientId();

    Browser.Page attack =
        start(new Browser(), Map.of("instance", instance, "scope", "write:statuses"));

    assertThat(attack.status()).as("a scope the app did not allow").isEqualTo(400);
    assertThat(mastodon.registrations()).as("registrations at the instance").isEqualTo(1);
    assertThat(storedClientId()).isEqualTo(clientId);
    Browser.Page done = victim.click(consent, "Approve");
    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsKey("auth_entity");
  }

  @Test
  void aLoopOfAnonymousStartsMakesOneRegistrationPerInstance() {
    List<String> scopes =
        List.of("", "read", "x", "write:statuses", "read:accounts", "push", "follow", "admin:read");
    for (int i = 0; i < 24; i++) {
      String scope = scopes.get(i % scopes.size());
      start(new Browser(), Map.of("instance", instance, "scope", scope));
    }
    assertThat(mastodon.registrations()).as("registrations at the instance").isEqualTo(1);
  }

  @Test
  void aLoopOfStartsAtWildcardSubdomainsMakesAtMostTenRegistrationsAMinute() {
    // *.wild.example resolves to the fake, as a wildcard DNS record would: every subdomain is
    // another instance to the app.
    GuardPolicy.Resolver dns =
        host -> {
          if (host.endsWith(".wild.example")) {
            return List.of(InetAddress.getLoopbackAddress());
          }
          throw new java.net.UnknownHostException(host);
        };
    // A stopped clock: however slow the machine, the minute does not end during the loop.
    Site<?> wild =
        Mastodon.builder(
                SiteOptions.defaults()
                    .withTransport(
                        new GuardedTransport(GuardPolicy.LOCAL_DEVELOPMENT.withResolver(dns))))
            .clock(Clock.fixed(Instant.now(), ZoneOffset.UTC))
            .build();
    try (TestApp other = new TestApp(store).mount(wild)) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        String sub = "http://i" + i + ".wild.example:" + mastodon.url().getPort();
        // A script, not a browser: it need not follow the redirect to the subdomain.
        statuses.add(scriptPost(other.url("/mastodon/start"), "instance=" + encode(sub)));
      }
      assertThat(mastodon.registrations()).as("registrations in one minute").isEqualTo(10);
      assertThat(statuses.subList(0, 10)).containsOnly(302);
      assertThat(statuses.subList(10, 25)).as("starts beyond the bound").doesNotContain(302);
      assertThat(store.getApp("mastodon", "http://i24.wild.example:" + mastodon.url().getPort()))
          .isEmpty();
    }
  }

  @Test
  void theEleventhRegistrationInAMinuteIsRefusedWhicheverFlavourOfTheFediverseButtonAsks() {
    // Issue 20 #6: the fediverse site runs one engine per software; the bound is the process's,
    // not each engine's. Wildcard subdomains of four instances of four softwares: each subdomain
    // is another instance to the app, and NodeInfo picks the flavour that registers there.
    List<FakeMastodon> softwares =
        List.of(new FakeMastodon(), new FakePixelfed(), new FakeGoToSocial(), new FakeAkkoma());
    GuardPolicy.Resolver dns =
        host -> {
          if (host.endsWith(".wild.example") || host.equals("127.0.0.1")) {
            return List.of(InetAddress.getLoopbackAddress());
          }
          throw new java.net.UnknownHostException(host);
        };
    SiteOptions options =
        SiteOptions.defaults()
            .withTransport(new GuardedTransport(GuardPolicy.LOCAL_DEVELOPMENT.withResolver(dns)));
    Site<?> fediverse = Fediverse.create(options);
    // Another site on the same options draws from the same budget.
    Site<?> mastodonSite = Mastodon.create(options);
    try (TestApp other = new TestApp(store).mount(fediverse).mount(mastodonSite)) {
      List<Integer> statuses = new ArrayList<>();
      int before = softwares.stream().mapToInt(FakeMastodon::registrations).sum();
      for (int i = 0; i < 12; i++) {
        FakeMastodon target = softwares.get(i % softwares.size());
        String sub = "http://f" + i + ".wild.example:" + target.url().getPort();
        String path = i == 4 ? "/mastodon/start" : "/fediverse/start";
        statuses.add(scriptPost(other.url(path), "instance=" + encode(sub)));
      }
      int made = softwares.stream().mapToInt(FakeMastodon::registrations).sum() - before;
      assertThat(made).as("registrations in one minute, every flavour together").isEqualTo(10);
      assertThat(statuses.subList(0, 10)).containsOnly(302);
      assertThat(statuses.subList(10, 12)).as("starts beyond the bound").doesNotContain(302);
      Browser.Page refused =
          new Browser()
              .post(
                  other.url("/fediverse/start"),
                  Map.of(
                      "instance", "http://f99.wild.example:" + softwares.get(1).url().getPort()));
      assertThat(refused.status()).isEqualTo(502);
      assertThat(refused.body()).contains("too many new instances this minute");
    } finally {
      softwares.forEach(FakeMastodon::close);
    }
  }

  @Test
  void aLoginStartedBeforeTheRegistrationChangedCompletesWithItsOwnClientId() throws Exception {
    Browser victim = new Browser();
    Browser.Page consent = start(victim, Map.of("instance", instance, "state", "v"));
    String started = storedClientId();

    // Whatever made it change (another server of the fleet, a new configuration), the stored
    // registration is another app now.
    AppRegistration other = registerDirectly();
    store.deleteApp("mastodon", instance);
    store.putAppIfAbsent(other);
    assertThat(storedClientId()).isNotEqualTo(started);

    Browser.Page done = victim.click(consent, "Approve");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.query()).containsEntry("state", "v").containsKey("auth_entity");
  }

  @Test
  void anInvalidClientTheInstanceDoesNotConfirmKeepsTheRegistration() {
    Browser victim = new Browser();
    Browser.Page consent = start(victim, Map.of("instance", instance));
    String clientId = storedClientId();
    // One invalid_client (a proxy's hiccup, a replayed answer): the instance still knows the app.
    mastodon.failNextToken(
        FakeResponse.json(401, Map.of("error", "invalid_client", "error_description", "hiccup")));

    assertThat(victim.click(consent, "Approve").status()).isEqualTo(502);

    assertThat(store.getApp("mastodon", instance)).as("registration after one 401").isPresent();
    assertThat(storedClientId()).isEqualTo(clientId);
    Browser.Page again = start(victim, Map.of("instance", instance, "state", "2"));
    assertThat(victim.click(again, "Approve").query()).containsEntry("state", "2");
    assertThat(mastodon.registrations()).isEqualTo(1);
  }

  @Test
  void aForgedHostHeaderRegistersNothingAndStoresNothing() throws Exception {
    for (BaseUrl base : List.of(BaseUrl.of("https://app.example"), BaseUrl.loopback())) {
      List<String> calls = Collections.synchronizedList(new ArrayList<>());
      try (TestApp configured =
          new TestApp(recording(store, calls))
              .baseUrl(base)
              .mount(Mastodon.create(mastodon.options()))) {
        calls.clear(); // the app's own setup (its logins-cookie key), not the request
        String status =
            rawPost(
                configured.url(),
                "/mastodon/start",
                "evil.example",
                "instance=" + URLEncoder.encode(instance, StandardCharsets.UTF_8));
        assertThat(status).as(base.toString()).startsWith("HTTP/1.1 400");
      }
      assertThat(calls).as("store calls for " + base).isEmpty();
    }
    assertThat(mastodon.registrations()).isZero();
    assertThat(store.getApp("mastodon", instance)).isEmpty();

    // The app's own start registers the configured callback, whatever Host said before.
    start(new Browser(), Map.of("instance", instance));
    JsonRegistration reg = JsonRegistration.of(store.getApp("mastodon", instance).orElseThrow());
    assertThat(reg.redirectUri()).isEqualTo(app.url("/mastodon/oauth_callback").toString());
  }

  /** The registration as the library recorded it. */
  private record JsonRegistration(String redirectUri) {
    static JsonRegistration of(AppRegistration app) {
      return new JsonRegistration(Json.text(Json.parse(app.dataJson()), "registered_redirect_uri"));
    }
  }

  /** A second app registered at the fake instance, as another server would have. */
  private AppRegistration registerDirectly() throws Exception {
    String form =
        "client_name=other&scopes=read%3Aaccounts&redirect_uris="
            + URLEncoder.encode(
                app.url("/mastodon/oauth_callback").toString(), StandardCharsets.UTF_8);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(instance + "/api/v1/apps"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    var json = Json.parse(r.body());
    return new AppRegistration(
        "mastodon",
        instance,
        Json.text(json, "client_id"),
        Json.text(json, "client_secret"),
        "{\"registered_redirect_uri\":\""
            + app.url("/mastodon/oauth_callback")
            + "\",\"registered_scopes\":[\"read:accounts\"]}",
        null);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A form POST without a browser's headers, not following redirects; returns the status. */
  private static int scriptPost(URI url, String form) {
    try {
      return HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .build()
          .send(
              HttpRequest.newBuilder(url)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A store that records the name of every method called on it. */
  private static AuthStore recording(AuthStore delegate, List<String> calls) {
    return (AuthStore)
        Proxy.newProxyInstance(
            AuthStore.class.getClassLoader(),
            new Class<?>[] {AuthStore.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("close")) {
                calls.add(method.getName());
              }
              try {
                return method.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /**
   * A POST with a Host header of the attacker's choosing, which java.net.http refuses to send: a
   * plain socket, as a script would.
   */
  private static String rawPost(URI app, String path, String host, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket(app.getHost(), app.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                  + bytes.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return response.lines().findFirst().orElse("");
    }
  }
}
