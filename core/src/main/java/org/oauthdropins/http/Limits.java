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
 */
public record Limits(
    Duration connectTimeout, Duration requestTimeout, int maxBodyBytes, String userAgent) {

  /** 5 s to connect, 15 s per request, 1 MiB per response. */
  public static final Limits DEFAULT =
      new Limits(
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          1 << 20,
          "oauth-dropins-java/0.1 (+https://github.com/oauth-dropins-java)");

  public Limits {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(userAgent, "userAgent");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
  }

  /** These limits with another User-Agent. */
  public Limits withUserAgent(String agent) {
    return new Limits(connectTimeout, requestTimeout, maxBodyBytes, agent);
  }

  /** These limits with another response size cap. */
  public Limits withMaxBodyBytes(int max) {
    return new Limits(connectTimeout, requestTimeout, max, userAgent);
  }
}
