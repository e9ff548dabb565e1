package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of the SSRF guard that a request shows, against real sockets on loopback and a
 * scripted resolver: the contract every guard's HTTP client is held to ({@link
 * GuardedTransportTest} for the library's own, the module {@code http-apache} for Apache
 * HttpClient's), with the same assertions.
 */
public abstract class GuardContract {

  private HttpServer server;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

  interface Route {
    void answer(HttpExchange ex) throws IOException;
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        ex -> {
          byte[] body;
          try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
          }
          seen.add(
              Map.of(
                  "method", ex.getRequestMethod(),
                  "path", ex.getRequestURI().toString(),
                  "host", String.valueOf(ex.getRequestHeaders().getFirst("Host")),
                  "authorization", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")),
                  "content-type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")),
                  "cookie", String.valueOf(ex.getRequestHeaders().getFirst("Cookie")),
                  "body", new String(body, StandardCharsets.UTF_8)));
          Route r = routes.get(ex.getRequestURI().getPath());
          if (r == null) {
            reply(ex, 404, "no");
          } else {
            r.answer(ex);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int port() {
    return server.getAddress().getPort();
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private static Route redirect(int status, String location) {
    return ex -> {
      ex.getResponseHeaders().set("Location", location);
      reply(ex, status, "");
    };
  }

  /** A resolver that answers from a table and counts its lookups. */
  private static final class Dns implements GuardPolicy.Resolver {
    final Map<String, List<List<InetAddress>>> answers = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();

    Dns map(String host, String... addresses) {
      List<InetAddress> a = new ArrayList<>();
      for (String s : addresses) {
        a.add(address(s));
      }
      answers.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>()).add(a);
      return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      lookups.incrementAndGet();
      List<List<InetAddress>> a = answers.get(host);
      if (a == null) {
        throw new UnknownHostException(host);
      }
      // Each later lookup gets the next answer, the last one repeating: a rebinding server.
      return a.size() > 1 ? a.remove(0) : a.get(0);
    }
  }

  private static InetAddress address(String s) {
    return AddressLiterals.parse(s);
  }

  private GuardedTransport guard(boolean http, boolean loopback, Dns dns) {
    return guard(new GuardPolicy(http, loopback, 5, dns));
  }

  /** The implementation under test. */
  protected abstract Transports transports();

  private GuardedTransport guard(GuardPolicy policy) {
    return transports().guard(policy);
  }

  private GuardedTransport guard(GuardPolicy policy, Limits limits) {
    return transports().guard(policy, limits);
  }

  private GuardedTransport guard(GuardPolicy policy, Limits limits, SSLSocketFactory tls) {
    return transports().guard(policy, limits, tls);
  }

  @Test
  void plainHttpIsRefusedUnlessTheAppOptsIn() {
    Dns dns = new Dns().map("example.com", "93.184.216.34");
    assertThatThrownBy(
            () -> guard(false, false, dns).send(HttpCall.get(URI.create("http://example.com/"))))
        .isInstanceOf(UnsafeUrlException.class)
        .hasMessageContaining("only https");
    assertThat(dns.lookups).hasValue(0);
    assertThatThrownBy(
            () ->
                guard(GuardPolicy.STRICT).send(HttpCall.get(URI.create("ftp://example.com/file"))))
        .isInstanceOf(UnsafeUrlException.class);
  }

  @Test
  void loopbackIsRefusedUnlessTheAppOptsIn() throws IOException {
    routes.put("/", ex -> reply(ex, 200, "hello"));
    URI url = URI.create("http://127.0.0.1:" + port() + "/");
    assertThatThrownBy(() -> guard(true, false, new Dns()).send(HttpCall.get(url)))
        .isInstanceOf(UnsafeUrlException.class)
        .hasMessageContaining("non-public");
    assertThat(seen).isEmpty();

    HttpResult ok = guard(true, true, new Dns()).send(HttpCall.get(url));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.text()).isEqualTo("hello");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "10.0.0.1",
        "172.16.5.4",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "192.0.2.10",
        "198.18.0.1",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fd00::1",
        "fc00::5",
        "fe80::1",
        "fec0::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",
        "2002:a00:1::1",
        "2002:7f00:1::1",
        "2001:db8::1",
        "2001::1",
        "::127.0.0.1"
      })
  void nonPublicAddressesAreRefusedAfterResolution(String address) {
    Dns dns = new Dns().map("innocent.example", address);
    assertThatThrownBy(
            () ->
                guard(false, false, dns)
                    .send(HttpCall.get(URI.create("https://innocent.example/"))))
        .isInstanceOf(UnsafeUrlException.class)
        .hasMessageContaining("innocent.example resolves to a non-public address");
    assertThat(dns.lookups).hasValue(1);
  }

  @Test
  void oneNonPublicAddressInTheAnswerRefusesTheHost() {
    Dns dns = new Dns().map("mixed.example", "8.8.8.8", "10.1.2.3");
    assertThatThrownBy(
            () -> guard(false, false, dns).send(HttpCall.get(URI.create("https://mixed.example/"))))
        .isInstanceOf(UnsafeUrlException.class);
  }

  @Test
  void literalAddressesInTheUrlAreCheckedToo() {
    for (String url :
        List.of(
            "https://[fd00::1]/",
            "https://[::ffff:a00:1]/",
            "https://169.254.169.254/",
            "https://2130706433/")) {
      assertThatThrownBy(() -> guard(false, false, new Dns()).send(HttpCall.get(URI.create(url))))
          .as(url)
          .isInstanceOf(UnsafeUrlException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2130706433",
        "0177.0.0.1",
        "0177.1",
        "0x7f.0.0.1",
        "0x7f000001",
        "017700000001",
        "127.1",
        "127.0.0.1.",
        "010.0.0.1",
        "0xa9.0xfe.0xa9.0xfe",
        "3232235777"
      })
  void numericHostsInAnyFormButDottedDecimalAreRefusedBeforeAnyLookup(String host) {
    // Even with loopback allowed: the JDK reads 0177.0.0.1 as 177.0.0.1, inet_aton as 127.0.0.1.
    // (java.net.URI finds no host at all in some of these forms, which is refused as well.)
    Dns dns = new Dns();
    assertThatThrownBy(
            () -> guard(true, true, dns).send(HttpCall.get(URI.create("http://" + host + "/"))))
        .isInstanceOf(UnsafeUrlException.class)
        .message()
        .containsAnyOf("ambiguous form", "no host");
    assertThat(dns.lookups).hasValue(0);
    assertThat(seen).isEmpty();
  }

  @Test
  void unknownHostIsAnIoErrorNotARefusal() {
    assertThatThrownBy(
            () -> guard(false, false, new Dns()).send(HttpCall.get(URI.create("https://nx.test/"))))
        .isInstanceOf(UnknownHostException.class);
  }

  @Test
  void redirectIntoAPrivateAddressIsRefused() {
    Dns dns = new Dns().map("internal.example", "10.0.0.5");
    routes.put("/start", redirect(302, "http://internal.example/admin"));
    routes.put("/meta", redirect(301, "http://169.254.169.254/latest/meta-data/"));
    GuardedTransport g = guard(true, true, dns);
    assertThatThrownBy(
            () -> g.send(HttpCall.get(URI.create("http://127.0.0.1:" + port() + "/start"))))
        .isInstanceOf(UnsafeUrlException.class)
        .hasMessageContaining("internal.example");
    assertThatThrownBy(
            () -> g.send(HttpCall.get(URI.create("http://127.0.0.1:" + port() + "/meta"))))
        .isInstanceOf(UnsafeUrlException.class);
  }

  @Test
  void eachRedirectHopsSchemeIsCheckedAgain() {
    routes.put("/file", redirect(302, "file:///etc/passwd"));
    routes.put("/gopher", redirect(302, "gopher://127.0.0.1:70/"));
    GuardedTransport g = guard(true, true, new Dns());
    for (String path : List.of("/file", "/gopher")) {
      assertThatThrownBy(
              () -> g.send(HttpCall.get(URI.create("http://127.0.0.1:" + port() + path))))
          .as(path)
          .isInstanceOf(UnsafeUrlException.class);
    }
  }

  @Test
  void redirectsAreFollowedAndRecorded() throws IOException {
    routes.put("/a", redirect(301, "/b"));
    routes.put("/b", redirect(303, "http://127.0.0.1:" + port() + "/c?x=1"));
    routes.put("/c", ex -> reply(ex, 200, "done"));
    List<URI> chain = new ArrayList<>();
    URI start = URI.create("http://127.0.0.1:" + port() + "/a");
    HttpResult r =
        guard(true, true, new Dns())
            .send(
                HttpCall.postForm(start, Map.of("k", "v"))
                    .header("Authorization", "Bearer t")
                    .header("Cookie", "session=1"),
                chain);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("done");
    assertThat(r.uri().toString()).endsWith("/c?x=1");
    assertThat(chain).extracting(URI::getPath).containsExactly("/a", "/b");
    // A POST answered with 301 or 303 continues as a GET without a body; same origin keeps auth.
    assertThat(seen.get(0)).containsEntry("method", "POST").containsEntry("body", "k=v");
    assertThat(seen.get(1)).containsEntry("method", "GET").containsEntry("body", "");
    assertThat(seen.get(2))
        .containsEntry("authorization", "Bearer t")
        .containsEntry("cookie", "session=1");
  }

  @Test
  void credentialsAreNotCarriedToAnotherOrigin() throws IOException {
    HttpServer other =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    List<String> auth = new CopyOnWriteArrayList<>();
    other.createContext(
        "/",
        ex -> {
          auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
          auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Cookie")));
          auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Accept")));
          reply(ex, 200, "other");
        });
    other.start();
    try {
      routes.put("/away", redirect(307, "http://127.0.0.1:" + other.getAddress().getPort() + "/"));
      HttpResult r =
          guard(true, true, new Dns())
              .send(
                  HttpCall.get(URI.create("http://127.0.0.1:" + port() + "/away"))
                      .header("Authorization", "Bearer secret")
                      .header("Cookie", "session=secret")
                      .header("Accept", "application/json"));
      assertThat(r.text()).isEqualTo("other");
      assertThat(auth)
          .as("Authorization, Cookie, and any other header")
          .containsExactly("null", "null", "application/json");
    } finally {
      other.stop(0);
    }
  }

  @Test
  void redirectsAreBounded() {
    routes.put("/loop", redirect(302, "/loop"));
    GuardedTransport g = guard(new GuardPolicy(true, true, 3, new Dns()));
    assertThatThrownBy(
            () -> g.send(HttpCall.get(URI.create("http://127.0.0.1:" + port() + "/loop"))))
        .isInstanceOf(UnsafeUrlException.class)
        .hasMessageContaining("too many redirects");
    assertThat(seen).hasSize(4);
  }

  @Test
  void bodiesOverTheSizeLimitAreRefused() throws IOException {
    String big = "x".repeat(5000);
    routes.put("/sized", ex -> reply(ex, 200, big));
    routes.put(
        "/chunked",
        ex -> {
          ex.sendResponseHeaders(200, 0); // 0 means chunked
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 5; i++) {
              out.write(big.substring(0, 1000).getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          }
        });
    routes.put("/small", ex -> reply(ex, 200, "small"));
    GuardedTransport g =
        guard(GuardPolicy.LOCAL_DEVELOPMENT, Limits.DEFAULT.withMaxBodyBytes(4096));
    for (String path : List.of("/sized", "/chunked")) {
      assertThatThrownBy(
              () -> g.send(HttpCall.get(URI.create("http://127.0.0.1:" + port() + path))))
          .as(path)
          .hasMessageContaining("larger than 4096 bytes");
    }
    assertThat(g.send(HttpCall.get(URI.create("http://127.0.0.1:" + port() + "/small"))).text())
        .isEqualTo("small");
  }

  @Test
  void chunkedBodiesWithinTheLimitAreDecoded() throws IOException {
    routes.put(
        "/chunked",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            out.write("hello ".getBytes(StandardCharsets.UTF_8));
            out.flush();
            out.write("world".getBytes(StandardCharsets.UTF_8));
          }
        });
    HttpResult r =
        guard(GuardPolicy.LOCAL_DEVELOPMENT)
            .send(HttpCall.get(URI.create("http://127.0.0.1:" + port() + "/chunked")));
    assertThat(r.text()).isEqualTo("hello world");
  }

  @Test
  void slowServersHitTheTimeLimit() {
    routes.put(
        "/slow",
        ex -> {
          try {
            Thread.sleep(1200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          reply(ex, 200, "late");
        });
    Limits quick = new Limits(Duration.ofSeconds(1), Duration.ofMillis(300), 1 << 20, "test-agent");
    GuardedTransport g = guard(GuardPolicy.LOCAL_DEVELOPMENT, quick);
    assertThatThrownBy(
            () -> g.send(HttpCall.get(URI.create("http://127.0.0.1:" + port() + "/slow"))))
        .isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void theConnectionGoesToTheAddressThatWasCheckedEvenIfDnsChanges() throws IOException {
    // The first answer is checked and used; a second lookup would answer a private address.
    Dns dns = new Dns().map("rebind.example", "127.0.0.1").map("rebind.example", "10.0.0.1");
    routes.put("/", ex -> reply(ex, 200, "pinned"));
    HttpResult r =
        guard(true, true, dns)
            .send(HttpCall.get(URI.create("http://rebind.example:" + port() + "/")));
    assertThat(r.text()).isEqualTo("pinned");
    assertThat(dns.lookups).hasValue(1);
    // The server still sees the name the URL used.
    assertThat(seen.get(0)).containsEntry("host", "rebind.example:" + port());
  }

  @Test
  void headerInjectionIsRefused() {
    routes.put("/", ex -> reply(ex, 200, "x"));
    assertThatThrownBy(
            () ->
                guard(GuardPolicy.LOCAL_DEVELOPMENT)
                    .send(
                        HttpCall.get(URI.create("http://127.0.0.1:" + port() + "/"))
                            .header("X-Test", "a\r\nEvil: yes")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void httpsVerifiesTheCertificateAgainstTheNameWhileConnectingToTheCheckedAddress(
      @TempDir Path dir) throws Exception {
    TestTls tls = TestTls.create(dir);
    SSLContext serverTls = tls.server();
    SSLContext clientTls = tls.client();

    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    https.setHttpsConfigurator(
        new HttpsConfigurator(serverTls) {
          @Override
          public void configure(HttpsParameters params) {
            // The server refuses SNI names other than these two, so that a client sending one
            // for an IP literal (RFC 6066 §3 forbids it) fails; evil.example is accepted here,
            // so that only the client's own check of the certificate's name refuses it.
            SSLParameters p = serverTls.getDefaultSSLParameters();
            p.setSNIMatchers(List.of(SNIHostName.createSNIMatcher("(good|evil)\\.example")));
            params.setSSLParameters(p);
          }
        });
    https.createContext("/", ex -> reply(ex, 200, "secure"));
    https.start();
    try {
      int port = https.getAddress().getPort();
      Dns dns = new Dns().map("good.example", "127.0.0.1").map("evil.example", "127.0.0.1");
      GuardedTransport g =
          guard(new GuardPolicy(false, true, 5, dns), Limits.DEFAULT, clientTls.getSocketFactory());
      HttpResult ok = g.send(HttpCall.get(URI.create("https://good.example:" + port + "/")));
      assertThat(ok.text()).isEqualTo("secure");
      HttpResult literal = g.send(HttpCall.get(URI.create("https://127.0.0.1:" + port + "/")));
      assertThat(literal.text()).as("an IP literal, sent without SNI").isEqualTo("secure");
      assertThatThrownBy(
              () -> g.send(HttpCall.get(URI.create("https://evil.example:" + port + "/"))))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("No subject alternative DNS name matching evil.example");
      // A name that DNS may answer but TLS cannot carry is refused before the handshake, rather
      // than sent without SNI (which the JDK would do silently).
      Dns odd = new Dns().map("good.example.", "127.0.0.1");
      GuardedTransport g2 =
          guard(new GuardPolicy(false, true, 5, odd), Limits.DEFAULT, clientTls.getSocketFactory());
      assertThatThrownBy(
              () -> g2.send(HttpCall.get(URI.create("https://good.example.:" + port + "/"))))
          .isInstanceOf(IOException.class)
          .hasMessage("good.example. is not a host name TLS can be asked for");
    } finally {
      https.stop(0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void everyRedirectStatusIsFollowed(int status) throws IOException {
    routes.put("/from", redirect(status, "/to"));
    routes.put("/to", ex -> reply(ex, 200, "arrived"));
    HttpResult r =
        guard(GuardPolicy.LOCAL_DEVELOPMENT)
            .send(HttpCall.get(URI.create("http://127.0.0.1:" + port() + "/from")));
    assertThat(r.text()).isEqualTo("arrived");
  }

  @Test
  void otherStatusesWithALocationAndRedirectsWithoutOneAreTheAnswer() throws IOException {
    routes.put("/choices", redirect(300, "/to"));
    routes.put("/not-modified", redirect(304, "/to"));
    routes.put("/bare", ex -> reply(ex, 302, "no location"));
    GuardedTransport g = guard(GuardPolicy.LOCAL_DEVELOPMENT);
    for (String path : List.of("/choices", "/not-modified", "/bare")) {
      HttpResult r = g.send(HttpCall.get(URI.create("http://127.0.0.1:" + port() + path)));
      assertThat(r.status()).as(path).isIn(300, 304, 302);
    }
    assertThat(seen).extracting(m -> m.get("path")).doesNotContain("/to");
  }

  /** RFC 9110 §15.4: which redirects turn a request into a GET without its body and its type. */
  @ParameterizedTest(name = "{0} to a {1} continues as {2}, content dropped: {3}")
  @CsvSource({
    "303, POST, GET, true",
    "303, PUT, GET, true",
    "303, GET, GET, true",
    "303, HEAD, HEAD, false",
    "301, POST, GET, true",
    "302, POST, GET, true",
    "301, PUT, PUT, false",
    "302, PUT, PUT, false",
    "307, POST, POST, false",
    "308, POST, POST, false"
  })
  void aRedirectKeepsOrDropsTheMethodAndBodyAsHttpSays(
      int status, String method, String next, boolean dropped) throws IOException {
    routes.put("/from", redirect(status, "/to"));
    routes.put("/to", ex -> reply(ex, 204, ""));
    byte[] body = method.equals("GET") || method.equals("HEAD") ? null : "k=v".getBytes();
    HttpCall call =
        new HttpCall(method, URI.create("http://127.0.0.1:" + port() + "/from"), List.of(), body)
            .header("Content-Type", "application/x-www-form-urlencoded");
    guard(GuardPolicy.LOCAL_DEVELOPMENT).send(call);
    Map<String, String> followed = seen.get(1);
    assertThat(followed).containsEntry("path", "/to").containsEntry("method", next);
    assertThat(followed.get("body")).isEqualTo(dropped || body == null ? "" : "k=v");
    assertThat(followed.get("content-type"))
        .isEqualTo(dropped ? "null" : "application/x-www-form-urlencoded");
  }

  @Test
  void aUrlThatIsRelativeHasNoHostOrCarriesCredentialsIsRefusedBeforeAnyLookup() {
    Dns dns = new Dns().map("good.example", "93.184.216.34");
    GuardedTransport g = guard(true, false, dns);
    assertThatThrownBy(() -> g.send(HttpCall.get(URI.create("/relative"))))
        .isInstanceOf(UnsafeUrlException.class);
    assertThatThrownBy(() -> g.send(HttpCall.get(URI.create("https:///path"))))
        .isInstanceOf(UnsafeUrlException.class)
        .hasMessage("the URL has no host");
    assertThatThrownBy(() -> g.send(HttpCall.get(URI.create("https://user:pw@good.example/"))))
        .isInstanceOf(UnsafeUrlException.class)
        .hasMessageContaining("user name or password");
    assertThat(dns.lookups).hasValue(0);
  }

  @Test
  void theRefusalOfASchemeSaysWhichSchemesThisGuardFetches() {
    URI ftp = URI.create("ftp://good.example/");
    assertThatThrownBy(() -> guard(false, false, new Dns()).send(HttpCall.get(ftp)))
        .hasMessage("only https URLs can be fetched, not ftp");
    assertThatThrownBy(() -> guard(true, false, new Dns()).send(HttpCall.get(ftp)))
        .hasMessage("only http and https URLs can be fetched, not ftp");
  }

  @Test
  void aResolverWithoutAnAnswerMeansAnUnknownHost() {
    for (GuardPolicy.Resolver empty :
        List.<GuardPolicy.Resolver>of(host -> null, host -> List.of())) {
      GuardedTransport g = guard(new GuardPolicy(true, true, 5, empty));
      assertThatThrownBy(() -> g.send(HttpCall.get(URI.create("http://nowhere.example/"))))
          .isInstanceOf(UnknownHostException.class)
          .hasMessageContaining("nowhere.example");
    }
  }

  @Test
  void aTlsServerThatNeverAnswersTheHandshakeHitsTheTimeLimitAndIsHungUpOn() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      Thread accept =
          new Thread(
              () -> {
                try (Socket s = silent.accept()) {
                  s.getInputStream().readAllBytes(); // reads the ClientHello, answers nothing
                } catch (IOException e) {
                  // the client gave up
                }
              });
      accept.setDaemon(true);
      accept.start();
      Limits quick =
          new Limits(Duration.ofSeconds(1), Duration.ofMillis(300), 1 << 20, "test-agent");
      GuardedTransport g = guard(GuardPolicy.LOCAL_DEVELOPMENT, quick);
      URI uri = URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/");
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () ->
              assertThatThrownBy(() -> g.send(HttpCall.get(uri)))
                  .isInstanceOf(SocketTimeoutException.class));
      // The guard closed its end: the server's read ends instead of holding a socket open.
      accept.join(5000);
      assertThat(accept.isAlive()).isFalse();
    }
  }

  @Test
  void aServerTricklingItsAnswerIsCutOffAtTheDeadlineNotAtEachByte() throws IOException {
    try (SlowServer slow = new SlowServer(50, 20_000)) {
      Limits quick =
          new Limits(Duration.ofSeconds(1), Duration.ofMillis(500), 1 << 20, "test-agent");
      GuardedTransport g = guard(GuardPolicy.LOCAL_DEVELOPMENT, quick);
      long began = System.nanoTime();
      assertThatThrownBy(() -> g.send(HttpCall.get(slow.url("/"))))
          .isInstanceOf(SocketTimeoutException.class);
      // Generous: the limit is 0.5 s; if each read had its own timeout this would take 20 s.
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void aReadThatStartsBeforeTheDeadlineEndsAtItNotAFullTimeoutLater() throws Exception {
    // The server answers at once, trickles the body for 1.5 s, then goes silent: the read that
    // waits in the silence may only wait for what is left of the 2 s, not for another 2 s.
    try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      Thread serve =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  s.getInputStream().read(new byte[4096]);
                  OutputStream out = s.getOutputStream();
                  out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes());
                  for (int i = 0; i < 15; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                  }
                  Thread.sleep(10_000);
                } catch (IOException | InterruptedException e) {
                  // the client gave up
                }
              });
      serve.setDaemon(true);
      serve.start();
      Limits limits = new Limits(Duration.ofSeconds(1), Duration.ofSeconds(2), 1 << 20, "t");
      GuardedTransport g = guard(GuardPolicy.LOCAL_DEVELOPMENT, limits);
      URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
      long began = System.nanoTime();
      assertThatThrownBy(() -> g.send(HttpCall.get(uri)))
          .isInstanceOf(SocketTimeoutException.class);
      // About 2 s; a read bounded by the 2 s set at connect would end near 3.5 s.
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(3000));
    }
  }
}
