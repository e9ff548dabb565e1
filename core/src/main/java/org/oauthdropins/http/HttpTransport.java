package org.oauthdropins.http;

import java.io.IOException;

/**
 * Sends HTTP requests. The library's only way out to the network, so that tests, the SSRF guard and
 * apps with their own HTTP stack can stand in for the default ({@link JdkTransport}).
 */
@FunctionalInterface
public interface HttpTransport {

  /**
   * Sends a request and reads the whole response. Does not follow redirects.
   *
   * @throws IOException if the server cannot be reached, takes too long, or answers with more than
   *     the size limit
   */
  HttpResult send(HttpCall call) throws IOException;

  /**
   * This transport, sending every call within a browser request's time budget ({@link
   * HttpCall#within}): how a site bounds all the fetches of one start or callback together. The
   * transport itself for {@link FetchBudget#NONE}.
   */
  default HttpTransport within(FetchBudget budget) {
    if (budget == null || budget == FetchBudget.NONE) {
      return this;
    }
    HttpTransport self = this;
    return call -> self.send(call.within(budget));
  }
}
