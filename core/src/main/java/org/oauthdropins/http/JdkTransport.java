package org.oauthdropins.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The default transport on {@code java.net.http}: one client per set of limits, shared by every
 * site so that connections are reused, never following redirects, and refusing bodies over the size
 * cap before they are read into memory.
 *
 * <p>{@link HttpRequest.Builder#timeout} bounds only the wait for the response headers; a server
 * that sends headers and then trickles its body would hold the calling thread for as long as it
 * likes. So the whole exchange, body included, is bounded here: the request runs asynchronously,
 * and the caller waits at most {@link Limits#requestTimeout()} (less when the browser request's
 * {@link FetchBudget} ends sooner), then cancels it.
 *
 * <p>Requests go through the {@link OutboundProxy} the transport is built with: {@code CONNECT}
 * tunnels for https; by default the one the environment names ({@code HTTPS_PROXY}, {@code
 * NO_PROXY}).
 */
public final class JdkTransport implements HttpTransport {

  private static final JdkTransport SHARED = new JdkTransport(Limits.DEFAULT);

  private final HttpClient client;
  private final Limits limits;
  private final OutboundProxy proxy;

  /**
   * A transport with its own client and these limits, through the environment's proxy if it names
   * one; most apps use the shared default.
   */
  public JdkTransport(Limits limits) {
    this(limits, OutboundProxy.fromEnvironment());
  }

  /**
   * A transport with these limits, through the given proxy ({@link OutboundProxy#NONE}: direct).
   */
  public JdkTransport(Limits limits, OutboundProxy proxy) {
    this.limits = limits;
    this.proxy = Objects.requireNonNull(proxy, "proxy");
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(limits.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (!proxy.isNone()) {
      b.proxy(proxy.selector());
    }
    this.client = b.build();
  }

  /** The proxy this transport's requests go through. */
  public OutboundProxy proxy() {
    return proxy;
  }

  /** The process-wide transport with {@link Limits#DEFAULT}. */
  public static JdkTransport shared() {
    return SHARED;
  }

  /** The limits of this transport. */
  public Limits limits() {
    return limits;
  }

  @Override
  public HttpResult send(HttpCall call) throws IOException {
    FetchBudget.Due due = FetchBudget.due(limits);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(call.uri())
            .timeout(Duration.ofMillis(due.remainingMillis()))
            .method(
                call.method(),
                call.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    boolean agent = false;
    for (Map.Entry<String, String> h : call.headers()) {
      b.header(h.getKey(), h.getValue());
      agent |= h.getKey().equalsIgnoreCase("User-Agent");
    }
    if (!agent) {
      b.header("User-Agent", limits.userAgent());
    }
    Capped body = new Capped(limits.maxBodyBytes());
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(b.build(), info -> body); // one request, one response: no retries
    HttpResponse<byte[]> r;
    try {
      r = pending.get(due.remainingMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw due.timedOut(new HttpTimeoutException("request timed out"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      throw due.timedOut(unwrapped(e.getCause()));
    } finally {
      if (!pending.isDone()) {
        // Stop reading, and since JDK 16 cancelling the future also aborts the exchange.
        body.abort();
        pending.cancel(true);
      }
    }
    Map<String, List<String>> headers = new TreeMap<>();
    r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    return new HttpResult(r.statusCode(), r.uri(), headers, r.body());
  }

  private static IOException unwrapped(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException e) {
      throw e;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new IOException(cause);
  }

  /** Collects a body, failing as soon as it grows past the cap. */
  private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final List<ByteBuffer> parts = new ArrayList<>();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private int size;

    Capped(int max) {
      this.max = max;
    }

    /** Gives up on the body: the caller stopped waiting for it. */
    synchronized void abort() {
      if (subscription != null) {
        subscription.cancel();
      }
      result.completeExceptionally(new HttpTimeoutException("request timed out"));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        size += item.remaining();
        parts.add(item);
      }
      if (size > max && !result.isDone()) {
        subscription.cancel();
        result.completeExceptionally(
            new IOException("response body larger than " + max + " bytes"));
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      byte[] out = new byte[size];
      int at = 0;
      for (ByteBuffer p : parts) {
        int n = p.remaining();
        p.get(out, at, n);
        at += n;
      }
      result.complete(out);
    }
  }
}
