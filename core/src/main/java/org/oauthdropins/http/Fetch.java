package org.oauthdropins.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One fetch as a transport carries it out, for a transport built on another HTTP client (the module
 * {@code oauth-dropins-http-apache}); apps never need it. It holds the fetch's end (its own {@link
 * Limits#requestTimeout()} or the browser request's {@link FetchBudget}, whichever comes first) and
 * gives the steps the library's own transports take, so that another client takes them the same way
 * rather than a copy of them: a name's look-up bounded by what is left ({@link Lookups}), TLS under
 * the URL's host name with SNI and the certificate checked against that name, the checks on what is
 * sent, and the size cap on what is read.
 *
 * <p>A transport turns every timeout of its client into {@link #timedOut}: within a browser request
 * that records the spent budget, which {@link FetchBudget#run} then reports whatever the site made
 * of the failure.
 */
public final class Fetch {

  private final FetchBudget.Due due;
  private final Lookups lookups;
  private final Limits limits;

  Fetch(FetchBudget.Due due, Lookups lookups, Limits limits) {
    this.due = due;
    this.lookups = lookups;
    this.limits = limits;
  }

  /**
   * How long a kept-alive connection may stay idle before a request that will not be sent twice
   * ({@link #mayBeSentTwice}) first checks that the server has not closed it: well under the
   * shortest idle timeout servers use (seconds), and long enough that a busy route's connections
   * skip the millisecond the check waits. Every transport keeps to it.
   */
  public static final long CHECK_AFTER_IDLE_MILLIS = 250;

  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

  /**
   * Whether a request that got no answer on a reused connection may go once more on a new one
   * whatever became of it: only where a second send cannot harm (RFC 9110 §9.2.2: the safe methods,
   * PUT and DELETE). A POST written whole may have redeemed a code or rotated a refresh token.
   */
  public static boolean mayBeSentTwice(String method) {
    return IDEMPOTENT.contains(method);
  }

  /**
   * A fetch of this call with these limits, beginning now, by a transport to the app's configured
   * servers (its look-ups run beside those of the SSRF guard's, not among them).
   */
  public static Fetch begin(HttpCall call, Limits limits) {
    Objects.requireNonNull(limits, "limits");
    return new Fetch(FetchBudget.due(call, limits), Lookups.DIRECT, limits);
  }

  /** The deadline itself, for the library's own transports. */
  FetchBudget.Due due() {
    return due;
  }

  /**
   * Milliseconds left, at least 1.
   *
   * @throws SocketTimeoutException if none are left (already {@link #timedOut} as it should be)
   */
  public int remainingMillis() throws SocketTimeoutException {
    return due.remainingMillis();
  }

  /** At most {@code max} milliseconds, less if less is left: a connect timeout, say. */
  public int remainingMillis(Duration max) throws SocketTimeoutException {
    return due.remainingMillis(max);
  }

  /**
   * What a timeout of the client means: the browser request's budget ran out (recorded for {@link
   * FetchBudget#run}, and said in a plain message) or this fetch's own limit; other errors as they
   * are.
   */
  public IOException timedOut(IOException e) {
    return due.timedOut(e);
  }

  /**
   * Every address of {@code host}, by {@code resolver}, within what is left: a resolver that takes
   * longer is left behind, and its late answer is never used.
   *
   * @throws java.net.UnknownHostException if the name has no address
   * @throws SocketTimeoutException if the time ran out first
   */
  public List<InetAddress> lookUp(GuardPolicy.Resolver resolver, String host) throws IOException {
    return lookups.resolve(resolver, host, due);
  }

  /**
   * A TCP connection to the first address of {@code host} (looked up as {@link #lookUp} does, a
   * literal parsed), within the connect timeout or what is left, whichever is less, with Nagle's
   * delay off and what is left as the read timeout.
   */
  public Socket connect(String host, int port, GuardPolicy.Resolver resolver) throws IOException {
    return Dialer.connect(host, port, due, lookups, resolver, limits);
  }

  /**
   * TLS over a connected socket under the URL's host name, as the library's own transports set it
   * up: the certificate must be valid for {@code host} (endpoint identification {@code HTTPS}),
   * which goes out as SNI unless it is an IP literal; the handshake gets what is left of the time.
   * Closes {@code plain} on failure.
   *
   * @param tls whose authorities to trust; null for the JDK's defaults
   * @throws IOException also for a name TLS cannot carry (a trailing dot), rather than sending it
   *     without SNI
   */
  public SSLSocket secure(Socket plain, String host, int port, SSLSocketFactory tls)
      throws IOException {
    try {
      plain.setSoTimeout(remainingMillis());
    } catch (IOException e) {
      plain.close();
      throw e;
    }
    return Dialer.secure(plain, host, port, tls != null ? tls : Dialer.defaultTls());
  }

  /**
   * Checks what a call would send, as the library's own transports do before writing anything: the
   * method and header names are HTTP tokens, and no header value holds a line break (which would
   * smuggle a header or a second request into it).
   *
   * @throws IllegalArgumentException if it would not be sent
   */
  public static void check(HttpCall call) {
    Http1Codec.token(call.method());
    for (Map.Entry<String, String> h : call.headers()) {
      Http1Codec.token(h.getKey());
      Http1Codec.value(h.getValue());
    }
  }

  /**
   * Reads a body to its end, refusing it as soon as it is over {@code maxBodyBytes}: a declared
   * length over the cap before reading anything, any other body once one byte past the cap was
   * read, so that no more than the cap is ever held.
   *
   * @param declared the body's {@code Content-Length}, or a negative number if it has none
   * @throws IOException with the same message as the library's own transports
   */
  public static byte[] readCapped(InputStream body, long declared, int maxBodyBytes)
      throws IOException {
    if (declared > maxBodyBytes) {
      throw Http1Codec.tooLarge(maxBodyBytes);
    }
    if (body == null) {
      return new byte[0];
    }
    if (declared >= 0) {
      // The usual answer: its length known and within the cap, read into an array of that size.
      byte[] all = body.readNBytes((int) declared);
      if (all.length < declared) {
        throw new IOException("connection closed before the end of the body");
      }
      return all;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(1024, maxBodyBytes));
    byte[] buffer = new byte[(int) Math.min(8192L, maxBodyBytes + 1L)];
    for (int n;
        (n = body.read(buffer, 0, (int) Math.min(buffer.length, maxBodyBytes + 1L - out.size())))
            > 0; ) {
      out.write(buffer, 0, n);
      if (out.size() > maxBodyBytes) {
        throw Http1Codec.tooLarge(maxBodyBytes);
      }
    }
    return out.toByteArray();
  }
}
