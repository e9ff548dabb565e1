package org.oauthdropins.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Host name look-ups bounded by a fetch's remaining time. {@link InetAddress#getAllByName} takes no
 * timeout and ignores interrupts (the system resolver blocks in native code, for as long as the
 * name servers take: a name server an attacker runs can answer after its resolver's full timeout,
 * several seconds per try), so a look-up on the request's own thread could hold a login well past
 * {@link org.oauthdropins.http.Limits#requestBudget()}. Here it runs on a thread of a small pool
 * while the fetch waits at most what is left; when that runs out, the fetch fails with the budget's
 * error and the answer, whenever it comes, is dropped.
 *
 * <p>The pool is bounded in threads and in waiting look-ups, so that slow names cannot pile up
 * threads: a look-up that finds the pool and its queue full fails at once, as spent. The guard's
 * look-ups (names users type, whose name servers anyone may run) and the provider transport's
 * (names the app configured) have a pool each, so that a flood of slow user-named hosts cannot
 * stall the logins of the app's fixed sites. Idle threads end after a few seconds.
 *
 * <p>A cached name costs a hand-off to another thread, tens of microseconds; the provider transport
 * looks up only when it opens a connection, which it then keeps.
 */
final class Lookups {

  /** For {@link GuardedTransport}: host names users type, and what those led to. */
  static final Lookups GUARDED = new Lookups("oauth-dropins-lookup-guarded", 8, 32);

  /** For {@link KeepAliveClient}: the hosts of the sites the app configured. */
  static final Lookups DIRECT = new Lookups("oauth-dropins-lookup", 4, 32);

  private final ThreadPoolExecutor pool;

  /**
   * @param name the threads' name
   * @param threads how many look-ups run at once
   * @param waiting how many more may wait for a thread; any beyond fail at once
   */
  Lookups(String name, int threads, int waiting) {
    AtomicInteger n = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            5,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(waiting),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * Every address of {@code host}, by {@code resolver}, within what is left of {@code due}.
   *
   * @throws SocketTimeoutException when the time ran out first, or no thread was free: the budget's
   *     error within a browser request (see {@link FetchBudget.Due#timedOut})
   * @throws UnknownHostException when the name has no address
   */
  List<InetAddress> resolve(GuardPolicy.Resolver resolver, String host, FetchBudget.Due due)
      throws IOException {
    int wait = due.remainingMillis(); // nothing left: no look-up either
    FutureTask<List<InetAddress>> lookUp = new FutureTask<>(() -> resolver.resolve(host));
    try {
      pool.execute(lookUp);
    } catch (RejectedExecutionException e) {
      throw due.spent();
    }
    List<InetAddress> found;
    try {
      found = lookUp.get(wait, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      giveUp(lookUp);
      throw due.timedOut(new SocketTimeoutException("the look-up of " + host + " timed out"));
    } catch (InterruptedException e) {
      giveUp(lookUp);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while looking up " + host);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException("the look-up of " + host + " failed", cause);
    }
    if (found == null) {
      throw new UnknownHostException(host);
    }
    return List.copyOf(found);
  }

  /** How many look-ups wait for a thread (for tests). */
  int waiting() {
    return pool.getQueue().size();
  }

  /** Drops a look-up whose answer is no longer wanted: from the queue if it has not started. */
  private void giveUp(FutureTask<?> lookUp) {
    lookUp.cancel(true);
    pool.remove(lookUp);
  }
}
