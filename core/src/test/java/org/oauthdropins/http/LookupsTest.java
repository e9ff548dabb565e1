package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Look-ups on their bounded pool, with real threads: a full pool fails a look-up at once as spent,
 * and a look-up whose caller gave up leaves its place in the queue.
 */
class LookupsTest {

  private static final Limits LIMITS =
      new Limits(Duration.ofSeconds(1), Duration.ofSeconds(5), 1 << 16, "test-agent")
          .withRequestBudget(Duration.ofSeconds(5));

  private static final List<InetAddress> LOOPBACK = List.of(InetAddress.getLoopbackAddress());

  /** Thrown by the callers of {@link FetchBudget#run} in these tests: the 502 of a handler. */
  static final class Spent extends RuntimeException {
    Spent(String message) {
      super(message);
    }
  }

  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch started = new CountDownLatch(1);

  /** A look-up that hangs until the test releases it, as a name server that never answers. */
  private final GuardPolicy.Resolver stuck =
      host -> {
        started.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          // As the system resolver: an interrupt does not end a look-up.
        }
        return LOOPBACK;
      };

  private static List<InetAddress> lookUp(
      Lookups lookups, GuardPolicy.Resolver r, String host, Limits limits) {
    FetchBudget budget = FetchBudget.begin();
    return budget.run(
        () -> {
          try {
            return lookups.resolve(r, host, FetchBudget.due(budget, limits));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        Spent::new);
  }

  private static void awaitWaiting(Lookups lookups, int n) throws InterruptedException {
    for (int i = 0; i < 500 && lookups.waiting() != n; i++) {
      Thread.sleep(10);
    }
    assertThat(lookups.waiting()).isEqualTo(n);
  }

  /** A pool of one thread and one place in its queue. */
  private final Lookups lookups = new Lookups("test-lookup", 1, 1);

  /** Takes the pool's one thread with a look-up that hangs until {@link #release}. */
  private CompletableFuture<List<InetAddress>> holdTheThread() throws InterruptedException {
    CompletableFuture<List<InetAddress>> running =
        CompletableFuture.supplyAsync(() -> lookUp(lookups, stuck, "a.example", LIMITS));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    return running;
  }

  /** Ends the hanging look-ups and checks that each got its answer. */
  @SafeVarargs
  private void releaseAndExpectAnswers(CompletableFuture<List<InetAddress>>... lookUps)
      throws Exception {
    release.countDown();
    for (CompletableFuture<List<InetAddress>> l : lookUps) {
      assertThat(l.get(10, TimeUnit.SECONDS)).isEqualTo(LOOPBACK);
    }
  }

  @Test
  void aLookUpThatFindsThePoolAndItsQueueFullFailsAtOnceAsSpent() throws Exception {
    CompletableFuture<List<InetAddress>> running = holdTheThread();
    CompletableFuture<List<InetAddress>> queued =
        CompletableFuture.supplyAsync(() -> lookUp(lookups, stuck, "b.example", LIMITS));
    awaitWaiting(lookups, 1);

    long began = System.nanoTime();
    assertThatThrownBy(() -> lookUp(lookups, stuck, "c.example", LIMITS))
        .isInstanceOf(Spent.class)
        .hasMessage("the servers this login needs did not answer within 5 s in all");
    // At once, not after the 5 s the budget would allow.
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));

    releaseAndExpectAnswers(running, queued);
  }

  @Test
  void aQueuedLookUpWhoseTimeRanOutLeavesTheQueue() throws Exception {
    CompletableFuture<List<InetAddress>> running = holdTheThread();

    Limits brief = LIMITS.withRequestBudget(Duration.ofMillis(200));
    assertThatThrownBy(() -> lookUp(lookups, stuck, "b.example", brief))
        .isInstanceOf(Spent.class)
        .hasMessage("the servers this login needs did not answer within 200 ms in all");

    // Its place is free again: the next look-up waits for the thread instead of failing at once.
    assertThat(lookups.waiting()).isZero();
    CompletableFuture<List<InetAddress>> next =
        CompletableFuture.supplyAsync(() -> lookUp(lookups, host -> LOOPBACK, "c.example", LIMITS));
    awaitWaiting(lookups, 1);
    releaseAndExpectAnswers(running, next);
  }

  @Test
  void aNameWithoutAddressesFailsAsUnknownAndAFastAnswerIsUsed() throws IOException {
    FetchBudget.Due due = FetchBudget.due(FetchBudget.NONE, LIMITS);
    assertThatThrownBy(
            () ->
                lookups.resolve(
                    host -> {
                      throw new UnknownHostException(host);
                    },
                    "nowhere.example",
                    due))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("nowhere.example");
    assertThat(lookups.resolve(host -> LOOPBACK, "here.example", due)).isEqualTo(LOOPBACK);
  }
}
