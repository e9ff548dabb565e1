package org.oauthdropins.internal.dpop;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest {@code DPoP-Nonce} of each server (origin). Servers rotate nonces, and any answer may
 * carry a fresh one; remembering it saves the failed first request of every later call. Bounded, so
 * that logins to many servers cannot grow it without end. Thread-safe.
 */
public final class DpopNonces {

  private static final int MAX = 4096;

  private final Map<String, String> byOrigin =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX;
        }
      };

  /** The latest nonce of the server of this URI, or null. */
  public synchronized String get(URI uri) {
    return byOrigin.get(origin(uri));
  }

  /** Remembers a server's nonce. */
  public synchronized void put(URI uri, String nonce) {
    if (nonce != null && !nonce.isBlank()) {
      byOrigin.put(origin(uri), nonce);
    }
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
