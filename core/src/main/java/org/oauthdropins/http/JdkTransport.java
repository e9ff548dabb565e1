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
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.oauthdropins.internal.http.FetchBudget;

/**
 * The default transport on {@code java.net.http}: one client per set of limits, shared by every
 * site so that connections are reused, never following redirects, and refusing bodies over the size
 * cap before they are read into memory.
 *
 * <p>{@link HttpRequest.Builder#timeout} bounds only the wait for the response headers; a server
 * that sends headers and then trickles its body would hold the calling thread for as long as it
 * likes. So the whole exchange, body included, is bounded here: the body is given up at most {@link
 * Limits#requestTimeout()} after the call began (sooner when the browser request's {@link
 * FetchBudget} ends sooner).
 *
 * <p>Requests go through the {@link OutboundProxy} the transport is built with: {@code CONNECT}
 * tunnels for https; by default the one the environment names ({@code HTTPS_PROXY}, {@code
 * NO_PROXY}).
 */
public final class JdkTransport implements HttpTransport {

  private static final JdkTransport SHARED = new JdkTransport(Limits.DEFAULT);

  /** Ends bodies that outlast their time: one daemon thread for every client, idle but for that. */
  private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

  private final Limits limits;
  private final OutboundProxy proxy;
  private volatile HttpClient client;

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
  }

  /** The proxy this transport's requests go through. */
  public OutboundProxy proxy() {
    return proxy;
  }

  /**
   * The client, built at the first call: building it sets up TLS (the default SSLContext, the trust
   * store) and a selector thread, some 800 classes that an app need not load before its first page
   * (class-load log of the benchmarks' one-site app, 0.4 s of its start-up on a busy machine).
   */
  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          HttpClient.Builder b =
              HttpClient.newBuilder()
                  .connectTimeout(limits.connectTimeout())
                  .followRedirects(HttpClient.Redirect.NEVER);
          if (!proxy.isNone()) {
            b.proxy(proxy.selector());
          }
          c = b.build();
          client = c;
        }
      }
    }
    return c;
  }

  private static ScheduledThreadPoolExecutor deadlines() {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            run -> {
              Thread t = new Thread(run, "oauth-dropins-http-deadlines");
              t.setDaemon(true);
              return t;
            });
    // Nearly every deadline is cancelled long before it is due: drop them at once.
    e.setRemoveOnCancelPolicy(true);
    return e;
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
    // The blocking send runs the exchange on the client's own threads and hands the response to
    // this one. sendAsync would cost a new thread per call on a machine with fewer than three
    // cores: the JDK completes its future on CompletableFuture's default executor, which is then
    // a thread per task. The request's timeout covers the wait for the headers; the deadline
    // below ends a body that trickles or stalls after them.
    ScheduledFuture<?> deadline =
        DEADLINES.schedule(body::abort, due.remainingMillis(), TimeUnit.MILLISECONDS);
    HttpResponse<byte[]> r;
    try {
      r = client().send(b.build(), info -> body); // one request, one response: no retries
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (IOException e) {
      throw due.timedOut(body.aborted() ? new HttpTimeoutException("request timed out") : e);
    } finally {
      deadline.cancel(false);
    }
    Map<String, List<String>> headers = new TreeMap<>();
    r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    return new HttpResult(r.statusCode(), r.uri(), headers, r.body());
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

    private volatile boolean aborted;

    /** Gives up on the body: its time is up. */
    synchronized void abort() {
      aborted = true;
      if (subscription != null) {
        subscription.cancel();
      }
      result.completeExceptionally(new HttpTimeoutException("request timed out"));
    }

    boolean aborted() {
      return aborted;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (aborted) {
        s.cancel(); // the time was up before the headers came
        return;
      }
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
