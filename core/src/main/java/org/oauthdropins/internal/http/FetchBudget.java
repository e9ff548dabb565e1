package org.oauthdropins.internal.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.http.Limits;

/**
 * One time budget for every fetch that one browser request triggers (issue 14, finding 9).
 *
 * <p>A Bluesky start resolves a handle, fetches the DID document, the PDS's and the authorization
 * server's metadata and pushes the request (PAR); IndieAuth discovery and Mastodon or Pixelfed
 * instance probing make several fetches too, all to servers a user named. Each fetch alone is
 * bounded by {@link Limits#requestTimeout()}, but one after another a slow server could hold the
 * request thread for minutes, and any anonymous visitor can point a start at such a server. So the
 * handlers run the site's work in {@link #run}: from then on every fetch on that thread, through
 * {@link GuardedTransport} or {@link JdkTransport}, ends by the moment {@link
 * Limits#requestBudget()} after the request began, whichever of that and its own time limit comes
 * first. The bound holds on connect, on every read of headers and body, and across redirects.
 *
 * <p>When the budget runs out, the fetch fails with a {@link SocketTimeoutException}; whatever the
 * site makes of that failure, {@link #run} turns it into the caller's error (a 502 in {@code Start}
 * and {@code Callback}), with a plain message.
 *
 * <p>Outside {@link #run} (an app calling an API with a stored login) each fetch has only its own
 * time limit. The budget lives in a thread-local: the work of one request runs on one thread.
 */
public final class FetchBudget {

  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private FetchBudget() {}

  /** The request that is running on this thread: when it began, and whether it ran out. */
  private static final class Scope {
    final long began = System.nanoTime();
    String spent; // the message once a fetch ran out of the budget, else null
  }

  /**
   * Runs one request's work under one time budget for all its fetches. Nested calls share the
   * outermost budget.
   *
   * @param work the site's part of the request
   * @param whenSpent makes the error to throw, from a plain message, when the work failed after a
   *     fetch ran out of the budget
   * @return what the work returned; a work that recovers from a spent budget (a profile fetch that
   *     is only decoration) still succeeds
   */
  public static <T> T run(
      Supplier<T> work, Function<String, ? extends RuntimeException> whenSpent) {
    if (CURRENT.get() != null) {
      return work.get();
    }
    Scope scope = new Scope();
    CURRENT.set(scope);
    try {
      return work.get();
    } catch (RuntimeException e) {
      if (scope.spent != null) {
        throw whenSpent.apply(scope.spent);
      }
      throw e;
    } finally {
      CURRENT.remove();
    }
  }

  /** When a fetch with these limits, starting now, must be over. */
  public static Due due(Limits limits) {
    long now = System.nanoTime();
    long own = now + limits.requestTimeout().toNanos();
    Scope scope = CURRENT.get();
    if (scope == null) {
      return new Due(own, null, limits.requestBudget());
    }
    long budget = scope.began + limits.requestBudget().toNanos();
    return budget - own < 0
        ? new Due(budget, scope, limits.requestBudget())
        : new Due(own, null, limits.requestBudget());
  }

  /**
   * The end of one fetch.
   *
   * @param at {@link System#nanoTime()} by which the fetch must be over
   * @param scope the request whose budget sets {@code at}, or null if the fetch's own limit does
   * @param budget the budget, for the message
   */
  public record Due(long at, Scope scope, Duration budget) {

    private static final long SLACK = 20_000_000L;

    /** Milliseconds left, at least 1 and at most {@link Integer#MAX_VALUE}. */
    public int remainingMillis() throws SocketTimeoutException {
      long ms = (at - System.nanoTime()) / 1_000_000;
      if (ms <= 0) {
        throw expired();
      }
      return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    /** At most {@code max} milliseconds, less if less is left. */
    public int remainingMillis(Duration max) throws SocketTimeoutException {
      return (int) Math.max(1, Math.min(max.toMillis(), remainingMillis()));
    }

    /**
     * What a timeout of a socket or client means: the request's budget ran out (recorded, so that
     * {@link FetchBudget#run} reports it whatever the site makes of it) or this fetch's own limit.
     */
    public IOException timedOut(IOException e) {
      // Socket timeouts are whole milliseconds, rounded down: one may fire a little before `at`.
      // A connect timeout shorter than what is left is the fetch's own, not the budget.
      return e instanceof SocketTimeoutException && scope != null && at - System.nanoTime() < SLACK
          ? expired()
          : e;
    }

    /**
     * The error of a fetch that cannot go on for want of time, whatever is left (no thread was free
     * to look a name up): the budget's within a browser request, recorded as {@link #timedOut}
     * records it.
     */
    SocketTimeoutException spent() {
      return expired();
    }

    private SocketTimeoutException expired() {
      if (scope == null) {
        return new SocketTimeoutException("request timed out");
      }
      long ms = budget.toMillis();
      String message =
          "the servers this login needs did not answer within "
              + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms")
              + " in all";
      scope.spent = message;
      return new SocketTimeoutException(message);
    }
  }
}
