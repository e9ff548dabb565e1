package org.oauthdropins.internal.dpop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;

/**
 * Adds a DPoP proof to every request it sends (RFC 9449), signed with one login's key. A request
 * that presents {@code Authorization: DPoP <token>} gets the token's {@code ath} in its proof. When
 * the server asks for a nonce ({@code use_dpop_nonce}, with status 400 as RFC 9449 says or 401 as
 * atproto servers and resource servers answer), the request is sent once more with a fresh proof
 * that carries the new nonce.
 *
 * @param next the transport underneath (for atproto: the app's guarded transport)
 * @param key the login's key
 * @param nonces where servers' nonces are remembered between requests
 * @param clock the clock for {@code iat}
 */
public record DpopTransport(HttpTransport next, DpopKey key, DpopNonces nonces, Clock clock)
    implements HttpTransport {

  /** The scheme of {@code Authorization} headers that present a DPoP-bound token. */
  public static final String SCHEME = "DPoP";

  /** Makes the value, checking its components. */
  public DpopTransport {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(nonces, "nonces");
    Objects.requireNonNull(clock, "clock");
  }

  @Override
  public HttpResult send(HttpCall call) throws IOException {
    String token = presentedToken(call);
    String nonce = nonces.get(call.uri());
    HttpResult result = next.send(withProof(call, nonce, token));
    String fresh = result.header("DPoP-Nonce");
    nonces.put(call.uri(), fresh);
    if (fresh != null && !fresh.equals(nonce) && asksForNonce(result)) {
      result = next.send(withProof(call, fresh, token));
      nonces.put(call.uri(), result.header("DPoP-Nonce"));
    }
    return result;
  }

  private HttpCall withProof(HttpCall call, String nonce, String token) {
    return call.header("DPoP", key.proof(call.method(), call.uri(), nonce, token, clock.instant()));
  }

  private static String presentedToken(HttpCall call) {
    String auth = call.firstHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
      return auth.substring(SCHEME.length() + 1).strip();
    }
    return null;
  }

  /** Whether an answer is a server's demand for a (new) nonce, in either form servers use. */
  static boolean asksForNonce(HttpResult result) {
    if (result.status() != 400 && result.status() != 401) {
      return false;
    }
    String challenge = result.header("WWW-Authenticate");
    if (challenge != null
        && challenge
            .toLowerCase(Locale.ROOT)
            .replace(" ", "")
            .contains("error=\"use_dpop_nonce\"")) {
      return true;
    }
    try {
      JsonNode body = result.json();
      return "use_dpop_nonce".equals(Json.text(body, "error"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "DpopTransport[" + key + "]";
  }
}
