package org.oauthdropins.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on every outgoing request.
 *
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for the whole response
 * @param maxBodyBytes the largest response body accepted
 * @param userAgent the User-Agent header sent with every request
 * @param requestBudget how long all the fetches of one browser request may take together (see
 *     {@link FetchBudget}); a fetch ends at its own {@code requestTimeout} or when the request's
 *     budget is spent, whichever comes first
 */
public record Limits(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxBodyBytes,
    String userAgent,
    Duration requestBudget) {

  /** The default budget for all the fetches of one browser request. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);

  /** 5 s to connect, 15 s per request, 10 s for all of one browser request, 1 MiB per response. */
  public static final Limits DEFAULT =
      new Limits(
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          1 << 20,
          "oauth-dropins-java/0.1 (+https://github.com/oauth-dropins-java)");

  /** Makes the value, checking its components. */
  public Limits {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(requestBudget, "requestBudget");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    if (requestTimeout.isNegative()
        || requestTimeout.isZero()
        || requestBudget.isNegative()
        || requestBudget.isZero()) {
      throw new IllegalArgumentException("time limits must be positive");
    }
  }

  /** Limits with the {@link #DEFAULT_BUDGET} for all the fetches of one browser request. */
  public Limits(
      Duration connectTimeout, Duration requestTimeout, int maxBodyBytes, String userAgent) {
    this(connectTimeout, requestTimeout, maxBodyBytes, userAgent, DEFAULT_BUDGET);
  }

  /** These limits with another User-Agent. */
  public Limits withUserAgent(String agent) {
    return new Limits(connectTimeout, requestTimeout, maxBodyBytes, agent, requestBudget);
  }

  /** These limits with another response size cap. */
  public Limits withMaxBodyBytes(int max) {
    return new Limits(connectTimeout, requestTimeout, max, userAgent, requestBudget);
  }

  /** These limits with another budget for all the fetches of one browser request. */
  public Limits withRequestBudget(Duration budget) {
    return new Limits(connectTimeout, requestTimeout, maxBodyBytes, userAgent, budget);
  }
}
