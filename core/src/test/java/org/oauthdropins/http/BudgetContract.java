package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One time budget for all the fetches of one browser request (issue 14, finding 9), on both
 * transports. Timings are asserted with generous upper bounds only. The contract every
 * implementation of the two roles is held to ({@link FetchBudgetTest} for the library's own, the
 * module {@code http-apache} for Apache HttpClient's), with the same assertions.
 */
public abstract class BudgetContract {

  /** The implementation under test. */
  protected abstract Transports transports();

  /** Each fetch alone is well within its own limit (5 s); together they are not within 1 s. */
  private static final Limits LIMITS =
      new Limits(Duration.ofSeconds(1), Duration.ofSeconds(5), 1 << 20, "test-agent")
          .withRequestBudget(Duration.ofSeconds(1));

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  /** Thrown by the callers of {@link FetchBudget#run} in these tests: the 502 of a handler. */
  static final class Spent extends RuntimeException {
    Spent(String message) {
      super(message);
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] b = "{}".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static HttpResult fetch(HttpTransport t, URI url) {
    try {
      return t.send(HttpCall.get(url));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResult send(HttpTransport t, HttpCall call) {
    try {
      return t.send(call);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private GuardedTransport guard() {
    return transports().guard(GuardPolicy.LOCAL_DEVELOPMENT, LIMITS);
  }

  /**
   * A site's work: 20 slow fetches in a row, 6 s in all. A failed fetch ends it with what {@code
   * onFailure} makes of the failure, returned or thrown.
   */
  private Supplier<Object> twentyFetches(HttpTransport t, Function<IOException, Object> onFailure) {
    return () -> {
      for (int i = 0; i < 20; i++) {
        try {
          t.send(HttpCall.get(url()));
        } catch (IOException e) {
          return onFailure.apply(e);
        }
      }
      return "all";
    };
  }

  /**
   * Runs a browser request's work as {@code Start} and {@code Callback} do: one budget, begun now,
   * and the work given the transport within it.
   */
  private static <T> T run(HttpTransport t, Function<HttpTransport, Supplier<T>> work) {
    FetchBudget budget = FetchBudget.begin();
    return budget.run(work.apply(budget.within(t)), Spent::new);
  }

  private static Object rethrow(IOException e) {
    throw new UncheckedIOException(e);
  }

  private void manySlowFetchesEndWithTheBudget(HttpTransport t) {
    long began = System.nanoTime();
    assertThatThrownBy(() -> run(t, w -> twentyFetches(w, BudgetContract::rethrow)))
        .isInstanceOf(Spent.class)
        .hasMessage("the servers this login needs did not answer within 1 s in all");
    // 20 fetches of 0.3 s would take 6 s; the budget ends them after 1 s.
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(4));
    assertThat(requests.get()).isBetween(2, 6);
  }

  @Test
  void allTheFetchesOfOneRequestShareOneBudgetOnTheGuard() {
    manySlowFetchesEndWithTheBudget(transports().guard(GuardPolicy.LOCAL_DEVELOPMENT, LIMITS));
  }

  @Test
  void allTheFetchesOfOneRequestShareOneBudgetOnTheTrustedTransport() {
    manySlowFetchesEndWithTheBudget(transports().trusted(LIMITS));
  }

  @Test
  void aBodyTrickledForeverEndsWithTheBudgetOnBothTransports() throws IOException {
    Limits limits = LIMITS.withRequestBudget(Duration.ofMillis(800));
    try (SlowServer slow = new SlowServer(50, 20_000)) {
      for (HttpTransport t :
          new HttpTransport[] {
            transports().guard(GuardPolicy.LOCAL_DEVELOPMENT, limits), transports().trusted(limits)
          }) {
        long began = System.nanoTime();
        assertThatThrownBy(() -> run(t, w -> () -> fetch(w, slow.url("/"))))
            .as(t.toString())
            .isInstanceOf(Spent.class)
            .hasMessageContaining("within 800 ms in all");
        assertThat(Duration.ofNanos(System.nanoTime() - began))
            .as(t.toString())
            .isLessThan(Duration.ofSeconds(4));
      }
    }
  }

  @Test
  void aConnectionThatNeverOpensEndsWithTheBudgetOnBothTransports() throws IOException {
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = new ArrayList<>();
      try {
        // The server never accepts: once its queue is full, the kernel drops further SYNs and a
        // connect waits until it gives up.
        boolean waited = false;
        for (int i = 0; i < 20 && !waited; i++) {
          Socket s = new Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 200);
            queued.add(s);
          } catch (SocketTimeoutException e) {
            s.close();
            waited = true;
          }
        }
        assertThat(waited).as("a connect to the full queue waits").isTrue();
        Limits limits = LIMITS.withRequestBudget(Duration.ofMillis(500));
        URI url = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/");
        for (HttpTransport t :
            List.of(
                transports().guard(GuardPolicy.LOCAL_DEVELOPMENT, limits),
                transports().trusted(limits))) {
          assertThatThrownBy(() -> run(t, w -> () -> fetch(w, url)))
              .as(t.toString())
              .isInstanceOf(Spent.class)
              .hasMessage("the servers this login needs did not answer within 500 ms in all");
        }
      } finally {
        for (Socket s : queued) {
          s.close();
        }
      }
    }
  }

  /**
   * A resolver as slow as an attacker's name server can make it: it answers the loopback address
   * after {@code delay}, and counts down {@code answered} once it did.
   */
  private static GuardPolicy.Resolver slowResolver(Duration delay, CountDownLatch answered) {
    return host -> {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        // The guard gave up on this look-up: answer anyway, as a resolver stuck in native code
        // would, so that the test sees whether a late answer is used.
      }
      answered.countDown();
      return List.of(InetAddress.getLoopbackAddress());
    };
  }

  /**
   * A look-up that takes longer than the whole budget ends with the budget, reported as the budget,
   * and its late answer is never used: no request reaches the address it names.
   */
  private void aSlowLookUpEndsWithTheBudget(
      Function<GuardPolicy.Resolver, HttpTransport> transport, String via) throws Exception {
    CountDownLatch answered = new CountDownLatch(1);
    HttpTransport t = transport.apply(slowResolver(Duration.ofSeconds(2), answered));
    URI named = URI.create("http://slow-dns.example:" + server.getAddress().getPort() + "/");
    long began = System.nanoTime();
    assertThatThrownBy(() -> run(t, w -> () -> fetch(w, named)))
        .as(via)
        .isInstanceOf(Spent.class)
        .hasMessage("the servers this login needs did not answer within 500 ms in all");
    // The budget is 500 ms; the look-up alone would have taken 2 s.
    assertThat(Duration.ofNanos(System.nanoTime() - began))
        .as(via)
        .isLessThan(Duration.ofMillis(1200));
    assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200);
    assertThat(requests.get()).as(via + ": requests after the late answer").isZero();
  }

  private static final Limits HALF_SECOND = LIMITS.withRequestBudget(Duration.ofMillis(500));

  @Test
  void aSlowLookUpEndsWithTheBudgetOnTheGuard() throws Exception {
    aSlowLookUpEndsWithTheBudget(
        r -> transports().guard(GuardPolicy.LOCAL_DEVELOPMENT.withResolver(r), HALF_SECOND),
        "the guard");
  }

  @Test
  void aSlowLookUpEndsWithTheBudgetOnTheTrustedTransport() throws Exception {
    aSlowLookUpEndsWithTheBudget(
        r -> transports().trusted(HALF_SECOND, OutboundProxy.NONE, null, r),
        "the kept-alive client");
  }

  @Test
  void aSlowLookUpOfTheProxyEndsWithTheBudget() throws Exception {
    // The proxy's name is the app's configuration, but its look-up is a look-up all the same.
    aSlowLookUpEndsWithTheBudget(
        r ->
            transports()
                .trusted(
                    HALF_SECOND,
                    OutboundProxy.to("http://slow-dns.example:" + server.getAddress().getPort()),
                    null,
                    r),
        "the proxy");
  }

  @Test
  void aSiteThatTurnsTheTimeoutIntoItsOwnErrorStillFailsAsSpent() {
    // IndieAuth blames the user (400) for a profile URL it cannot reach; a spent budget is not the
    // user's fault, and the handler answers 502 whatever the site made of it.
    Function<HttpTransport, Supplier<Object>> work =
        w ->
            twentyFetches(
                w,
                e -> {
                  throw new IllegalArgumentException("could not be reached");
                });
    assertThatThrownBy(() -> run(guard(), work)).isInstanceOf(Spent.class);
  }

  @Test
  void workThatRecoversFromASpentBudgetStillSucceeds() {
    Object result = run(guard(), w -> twentyFetches(w, e -> "without the decoration"));
    assertThat(result).isEqualTo("without the decoration");
  }

  @Test
  void outsideABrowserRequestEachFetchHasOnlyItsOwnLimit() throws IOException {
    Limits limits = LIMITS.withRequestBudget(Duration.ofMillis(100));
    for (HttpTransport t :
        new HttpTransport[] {
          transports().guard(GuardPolicy.LOCAL_DEVELOPMENT, limits), transports().trusted(limits)
        }) {
      for (int i = 0; i < 2; i++) {
        assertThat(t.send(HttpCall.get(url())).status()).as(t.toString()).isEqualTo(200);
      }
    }
  }

  @Test
  void nestedRunsShareTheOutermostBudget() {
    GuardedTransport t = guard();
    // Each fetch runs under a budget of its own, begun later: the call keeps the request's.
    HttpTransport nested =
        call -> {
          FetchBudget inner = FetchBudget.begin();
          return inner.run(() -> send(inner.within(t), call), Spent::new);
        };
    assertThatThrownBy(() -> run(nested, w -> twentyFetches(w, BudgetContract::rethrow)))
        .isInstanceOf(Spent.class);
    assertThat(requests.get()).isBetween(2, 6);
  }

  @Test
  void theBudgetIsFreshForTheNextRequestOnTheSameThread() {
    GuardedTransport t = guard();
    assertThatThrownBy(() -> run(t, w -> twentyFetches(w, BudgetContract::rethrow)))
        .isInstanceOf(Spent.class);
    int status = run(t, w -> () -> fetch(w, url()).status());
    assertThat(status).isEqualTo(200);
  }
}
