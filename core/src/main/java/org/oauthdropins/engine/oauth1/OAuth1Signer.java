package org.oauthdropins.engine.oauth1;

import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_CONSUMER_KEY;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_NONCE;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_SIGNATURE;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_SIGNATURE_METHOD;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_TIMESTAMP;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_TOKEN;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_VERSION;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.PREFIX;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.oauthdropins.Credentials;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.internal.secrets.Secrets;

/**
 * Signs outgoing requests with HMAC-SHA1 for one consumer (the app), putting the protocol
 * parameters in the {@code Authorization} header. Thread-safe.
 */
public final class OAuth1Signer {

  private final Credentials consumer;
  private final Clock clock;

  /**
   * @param consumer the app's consumer key and secret
   * @param clock the clock that timestamps requests
   */
  public OAuth1Signer(Credentials consumer, Clock clock) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The consumer this signer signs for. */
  public Credentials consumer() {
    return consumer;
  }

  /**
   * Signs a request with a fresh nonce and the current time.
   *
   * @param call the request; a form body with {@code application/x-www-form-urlencoded} is signed
   *     too, any other body is not (§3.4.1.3.1)
   * @param token the token (temporary or access), or null for none
   * @param tokenSecret its secret, or null for none
   * @param extra further protocol parameters, e.g. {@code oauth_callback}, {@code oauth_verifier}
   */
  public HttpCall sign(HttpCall call, String token, String tokenSecret, Map<String, String> extra) {
    return sign(
        call, token, tokenSecret, extra, Secrets.random(24), clock.instant().getEpochSecond());
  }

  /** {@link #sign(HttpCall, String, String, Map)} with a given nonce and timestamp, for tests. */
  public HttpCall sign(
      HttpCall call,
      String token,
      String tokenSecret,
      Map<String, String> extra,
      String nonce,
      long timestamp) {
    if (call.firstHeader("Authorization") != null) {
      throw new IllegalArgumentException("the request already has an Authorization header");
    }
    Map<String, String> oauth = new LinkedHashMap<>();
    oauth.put(OAUTH_CONSUMER_KEY, consumer.clientId());
    oauth.put(OAUTH_NONCE, nonce);
    oauth.put(OAUTH_SIGNATURE_METHOD, OAuth1.HMAC_SHA1);
    oauth.put(OAUTH_TIMESTAMP, Long.toString(timestamp));
    if (token != null) {
      oauth.put(OAUTH_TOKEN, token);
    }
    oauth.put(OAUTH_VERSION, "1.0");
    extra.forEach(
        (k, v) -> {
          if (!k.startsWith(PREFIX) || k.equals(OAUTH_SIGNATURE)) {
            throw new IllegalArgumentException("not a protocol parameter: " + k);
          }
          oauth.put(k, v);
        });
    List<OAuth1.Param> params =
        new ArrayList<>(
            OAuth1.signedParams(call.uri(), null, call.firstHeader("Content-Type"), call.body()));
    oauth.forEach((k, v) -> params.add(new OAuth1.Param(k, v)));
    String signature =
        OAuth1.hmacSha1(
            OAuth1.baseString(call.method(), call.uri(), params),
            consumer.clientSecret(),
            tokenSecret);
    oauth.put(OAUTH_SIGNATURE, signature);
    return call.header("Authorization", OAuth1.authorizationHeader(oauth));
  }

  @Override
  public String toString() {
    return "OAuth1Signer[" + consumer + "]";
  }
}
