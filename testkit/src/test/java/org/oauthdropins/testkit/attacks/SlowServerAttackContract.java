package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.Transports;
import org.oauthdropins.sites.indieauth.IndieAuthSite;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.TestApp;

/**
 * Resource exhaustion through slow servers (issue 14, finding 9): an anonymous visitor names a
 * server that answers slowly, and each start holds one of the app's request threads for as long as
 * the library waits. With the default limits, a start gives up when its one budget for all its
 * fetches (10 s) is spent, not after each fetch's own 15 s, and answers 502.
 */
public abstract class SlowServerAttackContract {

  /** The transports under test: the library's own, or the module http-apache's. */
  protected abstract Transports transports();

  private HttpServer slow;
  private ExecutorService threads;
  private final AtomicInteger requests = new AtomicInteger();
  private TestApp app;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() throws IOException {
    slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    threads = Executors.newCachedThreadPool();
    slow.setExecutor(threads);
    slow.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          try {
            Thread.sleep(60_000); // answers nothing for a minute
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.close();
        });
    slow.start();
    // The default limits; loopback and http allowed only so the slow server can be reached.
    app =
        new TestApp(new MemoryStore())
            .mount(
                IndieAuthSite.create(
                    SiteOptions.defaults()
                        .withTransport(transports().guard(GuardPolicy.LOCAL_DEVELOPMENT))));
  }

  @AfterEach
  void tearDown() {
    app.close();
    slow.stop(0);
    threads.shutdownNow();
  }

  @Test
  void aStartAgainstASlowServerEndsWithinOneBudgetWith502() {
    long began = System.nanoTime();
    Browser.Page page =
        browser.post(
            app.url("/indieauth/start"),
            Map.of("me", "http://127.0.0.1:" + slow.getAddress().getPort() + "/"));
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    assertThat(page.status()).as(page.body()).isEqualTo(502);
    assertThat(page.body()).contains("did not answer within 10 s in all");
    // Generous: the budget is 10 s; one fetch's own limit alone is 15 s.
    assertThat(took).isLessThan(Duration.ofSeconds(14));
    assertThat(requests.get()).isEqualTo(1);
  }
}
