package org.oauthdropins.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.http.Fetch;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Limits;

/**
 * The third transport of issue 23's side-by-side measurement: {@code java.net.http}'s {@link
 * HttpClient} (HTTP/1.1, no redirects), for the trusted path only (token and profile requests to
 * the fake). It is the benchmark's, not the library's: it bounds each call by the fetch's time and
 * the size cap, which is what a login costs, but it is not held to the transport contracts (no
 * proxy, no SSRF guard: {@code java.net.http} cannot be pinned to checked addresses).
 */
final class JdkHttpClientTransport implements HttpTransport {

  /** Headers {@code java.net.http} writes itself and refuses from a caller. */
  private static final Set<String> RESTRICTED =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final Limits limits;
  private final HttpClient client;

  JdkHttpClientTransport(Limits limits) {
    this.limits = limits;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(limits.connectTimeout())
            .build();
  }

  @Override
  public HttpResult send(HttpCall call) throws IOException {
    Fetch fetch = Fetch.begin(call, limits);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.uri())
            .timeout(Duration.ofMillis(fetch.remainingMillis()))
            .method(
                call.method(),
                call.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()))
            .header("User-Agent", limits.userAgent());
    for (Map.Entry<String, String> h : call.headers()) {
      if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        request.setHeader(h.getKey(), h.getValue());
      }
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw fetch.timedOut(new java.net.SocketTimeoutException(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body =
          Fetch.readCapped(
              in,
              response.headers().firstValueAsLong("content-length").orElse(-1),
              limits.maxBodyBytes());
    }
    return new HttpResult(response.statusCode(), call.uri(), response.headers().map(), body);
  }
}
