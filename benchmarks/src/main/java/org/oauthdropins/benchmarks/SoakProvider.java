package org.oauthdropins.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * What the fake GitHub adds for the soak ({@code fake --soak}): expiring tokens with single-use
 * refresh tokens as GitHub's expiring user tokens have them (a refresh token spent twice revokes
 * the grant, as RFC 9700 §4.14.2 advises), the REST {@code GET /user} a signed API call reaches,
 * faults on the back channel for a share of requests ({@code /soak/fault}), and a ledger of every
 * grant ({@code /soak/ledger}) from which the soak checks its invariants.
 */
final class SoakProvider {

  /** Fault modes of the back channel. */
  enum Mode {
    NONE,
    ERRORS,
    SLOW,
    RESET
  }

  private static final class Entry {
    final String user;
    String code;
    int exchanges;
    int replays;
    int refreshes;
    int doubleSpends;
    boolean revoked;
    int lateRefreshes;
    String access;
    String refresh;

    Entry(String user) {
      this.user = user;
    }
  }

  private final Map<String, Entry> users = new ConcurrentHashMap<>();
  private final Map<String, Entry> byCode = new ConcurrentHashMap<>();
  private final Map<String, Entry> byRefresh = new ConcurrentHashMap<>();
  private final Map<String, Entry> spentRefresh = new ConcurrentHashMap<>();
  private volatile Mode mode = Mode.NONE;
  private volatile double share;
  private volatile long delayMs;
  private volatile long budgetMs = Long.MAX_VALUE;

  /** A new grant at authorize. */
  void authorized(long user, String code) {
    Entry e = new Entry(Long.toString(user));
    e.code = code;
    users.put(e.user, e);
    byCode.put(code, e);
  }

  /** A code redeemed: returns the refresh token to hand out with the access token. */
  String exchanged(long user, String access) {
    Entry e = users.get(Long.toString(user));
    String refresh = "ghr_" + random();
    synchronized (e) {
      e.exchanges++;
      e.access = access;
      e.refresh = refresh;
    }
    byRefresh.put(refresh, e);
    return refresh;
  }

  /** A spent (or unknown) code presented again. */
  void replayed(String code) {
    Entry e = byCode.get(code);
    if (e != null) {
      synchronized (e) {
        e.replays++;
      }
    }
  }

  /** New tokens for a refresh: {access, refresh, user}, or null with the grant then revoked. */
  String[] refresh(String token, long arrivedNanos, Map<String, Long> accessTokens) {
    Entry e = byRefresh.remove(token);
    if (e == null) {
      Entry spent = spentRefresh.get(token);
      if (spent != null) {
        synchronized (spent) {
          spent.doubleSpends++;
          spent.revoked = true;
          if (spent.access != null) {
            accessTokens.remove(spent.access);
          }
          if (spent.refresh != null) {
            byRefresh.remove(spent.refresh);
          }
          spent.access = null;
          spent.refresh = null;
        }
      }
      return null;
    }
    String access = "ghu_" + random();
    String refresh = "ghr_" + random();
    synchronized (e) {
      spentRefresh.put(token, e);
      e.refreshes++;
      if ((System.nanoTime() - arrivedNanos) / 1_000_000 > budgetMs) {
        e.lateRefreshes++;
      }
      accessTokens.remove(e.access);
      e.access = access;
      e.refresh = refresh;
    }
    byRefresh.put(refresh, e);
    accessTokens.put(access, Long.parseLong(e.user));
    return new String[] {access, refresh};
  }

  /** Sets the fault from {@code /soak/fault?mode=&share=&delay-ms=&budget-ms=}. */
  void configure(Fields q) {
    mode = Mode.valueOf(q.getValue("mode").toUpperCase(java.util.Locale.ROOT));
    share = Double.parseDouble(java.util.Objects.requireNonNullElse(q.getValue("share"), "0"));
    delayMs = Long.parseLong(java.util.Objects.requireNonNullElse(q.getValue("delay-ms"), "0"));
    String budget = q.getValue("budget-ms");
    if (budget != null) {
      budgetMs = Long.parseLong(budget);
    }
  }

  /**
   * Applies the fault, if one is set and this request is in its share.
   *
   * @return true if the request was answered (or cut) here; false to serve it, after any delay
   */
  boolean fault(Request request, Response response, Callback callback) throws Exception {
    Mode m = mode;
    if (m == Mode.NONE || ThreadLocalRandom.current().nextDouble() >= share) {
      return false;
    }
    switch (m) {
      case ERRORS -> {
        Jetty.send(
            response,
            callback,
            503,
            "text/html",
            "<html><body><h1>503 Service Unavailable</h1>No server is available.</body></html>");
        return true;
      }
      case SLOW -> {
        Thread.sleep(delayMs);
        return false;
      }
      case RESET -> {
        EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
        if (ep.getTransport() instanceof NetworkChannel channel) {
          // Linger 0: the close sends a reset, not an orderly end of stream.
          channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        ep.close();
        callback.failed(new IOException("connection reset by the soak's fault"));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** Every grant, with fingerprints of its live tokens, as JSON for the soak's checks. */
  String ledgerJson(ObjectMapper json) throws IOException {
    List<SoakChecks.Grant> out = new ArrayList<>();
    for (Entry e : users.values()) {
      synchronized (e) {
        out.add(
            new SoakChecks.Grant(
                e.user,
                e.code,
                e.exchanges,
                e.replays,
                e.refreshes,
                e.doubleSpends,
                e.revoked,
                e.lateRefreshes,
                fingerprint(e.access),
                fingerprint(e.refresh)));
      }
    }
    return json.writeValueAsString(out);
  }

  /** A short SHA-256 of a token, so that the checks compare tokens without seeing them. */
  static String fingerprint(String token) {
    if (token == null) {
      return null;
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random() {
    return FakeGitHub.random();
  }
}
