package org.oauthdropins.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One time budget for every fetch that one browser request triggers (issue 14, finding 9).
 *
 * <p>A Bluesky start resolves a handle, fetches the DID document, the PDS's and the authorization
 * server's metadata and pushes the request (PAR); IndieAuth discovery and Mastodon or Pixelfed
 * instance probing make several fetches too, all to servers a user named. Each fetch alone is
 * bounded by {@link Limits#requestTimeout()}, but one after another a slow server could hold the
 * request thread for minutes, and any anonymous visitor can point a start at such a server. So
 * {@code Start} and {@code Callback} {@link #begin} one budget per browser request and hand it to
 * the site in the request ({@code AuthorizeRequest}, {@code CallbackRequest}); the site sends
 * through {@code transport.within(budget)}, which stamps each {@link HttpCall} with it, and {@link
 * GuardedTransport} and {@link JdkTransport} end a stamped fetch by the moment {@link
 * Limits#requestBudget()} after the request began, whichever of that and its own time limit comes
 * first. The bound holds on connect, on every read of headers and body, and across redirects.
 *
 * <p>When the budget runs out, the fetch fails with a {@link SocketTimeoutException}; whatever the
 * site makes of that failure, {@link #run} turns it into the caller's error (a 502 in {@code Start}
 * and {@code Callback}), with a plain message.
 *
 * <p>A call without a budget (an app calling an API with a stored login, {@link #NONE}) has only
 * its own time limit. The budget is a value passed along, not found: what a fetch is bounded by is
 * visible where it is sent.
 */
public final class FetchBudget {

  /** No budget: each fetch has only its own time limit. */
  public static final FetchBudget NONE = new FetchBudget(0);

  private final long began;
  private volatile String spent; // the message once a fetch ran out of the budget, else null

  private FetchBudget(long began) {
    this.began = began;
  }

  /** The budget of one browser request, beginning now. */
  public static FetchBudget begin() {
    return new FetchBudget(System.nanoTime());
  }

  /**
   * A transport that sends every call within this budget; the transport itself for {@link #NONE}.
   */
  public HttpTransport within(HttpTransport transport) {
    return transport.within(this);
  }

  /**
   * Runs one request's work under this budget: the work sends through {@link #within}.
   *
   * @param work the site's part of the request
   * @param whenSpent makes the error to throw, from a plain message, when the work failed after a
   *     fetch ran out of the budget
   * @return what the work returned; a work that recovers from a spent budget (a profile fetch that
   *     is only decoration) still succeeds
   */
  public <T> T run(Supplier<T> work, Function<String, ? extends RuntimeException> whenSpent) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      String message = spent;
      if (message != null) {
        throw whenSpent.apply(message);
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return this == NONE ? "FetchBudget[none]" : "FetchBudget[spent=" + (spent != null) + "]";
  }

  /** When a fetch of this call with these limits, starting now, must be over. */
  static Due due(HttpCall call, Limits limits) {
    return due(call.budget(), limits);
  }

  /** When a fetch with these limits within this budget (null for none), starting now, must end. */
  static Due due(FetchBudget budget, Limits limits) {
    long now = System.nanoTime();
    long own = now + limits.requestTimeout().toNanos();
    if (budget == null || budget == NONE) {
      return new Due(own, null, limits.requestBudget());
    }
    long end = budget.began + limits.requestBudget().toNanos();
    return end - own < 0
        ? new Due(end, budget, limits.requestBudget())
        : new Due(own, null, limits.requestBudget());
  }

  /**
   * The end of one fetch.
   *
   * @param at {@link System#nanoTime()} by which the fetch must be over
   * @param scope the request's budget if it sets {@code at}, or null if the fetch's own limit does
   * @param budget the budget's length, for the message
   */
  record Due(long at, FetchBudget scope, Duration budget) {

    private static final long SLACK = 20_000_000L;

    /** Milliseconds left, at least 1 and at most {@link Integer#MAX_VALUE}. */
    int remainingMillis() throws SocketTimeoutException {
      long ms = (at - System.nanoTime()) / 1_000_000;
      if (ms <= 0) {
        throw expired();
      }
      return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    /** At most {@code max} milliseconds, less if less is left. */
    int remainingMillis(Duration max) throws SocketTimeoutException {
      return (int) Math.max(1, Math.min(max.toMillis(), remainingMillis()));
    }

    /**
     * What a timeout of a socket or client means: the request's budget ran out (recorded, so that
     * {@link FetchBudget#run} reports it whatever the site makes of it) or this fetch's own limit.
     */
    IOException timedOut(IOException e) {
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
