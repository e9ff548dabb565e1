package org.oauthdropins.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oauthdropins.internal.dpop.DpopKey;

/**
 * Checks DPoP proofs the way an atproto server does (RFC 9449 §4.3): one {@code DPoP} header, typ
 * {@code dpop+jwt}, ES256, a public jwk that verifies the signature, the request's method and URL,
 * a fresh {@code iat}, a {@code jti} never seen before, the server's current nonce, and the access
 * token's {@code ath} on resource requests.
 */
final class DpopChecker {

  /** How far {@code iat} may be from the server's clock. */
  private static final long SKEW_SECONDS = 60;

  /** The outcome: the key's thumbprint, or an OAuth error. */
  record Result(String jkt, String error, String description) {
    boolean ok() {
      return error == null;
    }

    boolean wantsNonce() {
      return "use_dpop_nonce".equals(error);
    }
  }

  private final Clock clock;
  private final Map<String, Boolean> seen =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > 100_000;
        }
      };

  DpopChecker(Clock clock) {
    this.clock = clock;
  }

  /**
   * Checks the proof of a request.
   *
   * @param r the request
   * @param htu the URL the server expects in {@code htu} (its own origin and the path)
   * @param nonce the server's current nonce
   * @param accessToken the token the request presents, or null
   */
  Result check(FakeRequest r, String htu, String nonce, String accessToken) {
    List<String> headers = r.headers().get("dpop");
    if (headers == null || headers.isEmpty()) {
      return bad("invalid_dpop_proof", "missing DPoP proof");
    }
    if (headers.size() > 1) {
      return bad("invalid_dpop_proof", "more than one DPoP header");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(headers.get(0));
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return bad("invalid_dpop_proof", "the DPoP proof is not a JWT");
    }
    JWSHeader header = jwt.getHeader();
    if (header.getType() == null || !DpopKey.TYPE.equals(header.getType().getType())) {
      return bad("invalid_dpop_proof", "typ must be dpop+jwt");
    }
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
      return bad("invalid_dpop_proof", "alg must be ES256");
    }
    JWK jwk = header.getJWK();
    if (!(jwk instanceof ECKey ec) || jwk.isPrivate()) {
      return bad("invalid_dpop_proof", "jwk must be a public EC key");
    }
    try {
      if (!jwt.verify(new ECDSAVerifier(ec))) {
        return bad("invalid_dpop_proof", "bad DPoP signature");
      }
    } catch (JOSEException e) {
      return bad("invalid_dpop_proof", "unusable DPoP key");
    }
    Object htm = claims.getClaim("htm");
    if (!r.method().equals(htm)) {
      return bad("invalid_dpop_proof", "htm does not match the request");
    }
    if (!htu.equals(claims.getClaim("htu"))) {
      return bad("invalid_dpop_proof", "htu does not match the request");
    }
    Date iat = claims.getIssueTime();
    Instant now = clock.instant();
    if (iat == null
        || Math.abs(iat.toInstant().getEpochSecond() - now.getEpochSecond()) > SKEW_SECONDS) {
      return bad("invalid_dpop_proof", "iat is missing or not recent");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank()) {
      return bad("invalid_dpop_proof", "missing jti");
    }
    synchronized (seen) {
      if (seen.put(jti, Boolean.TRUE) != null) {
        return bad("invalid_dpop_proof", "jti already used");
      }
    }
    if (!nonce.equals(claims.getClaim("nonce"))) {
      return bad("use_dpop_nonce", "Authorization server requires nonce in DPoP proof");
    }
    if (accessToken != null && !DpopKey.ath(accessToken).equals(claims.getClaim("ath"))) {
      return bad("invalid_dpop_proof", "ath does not match the access token");
    }
    try {
      return new Result(ec.computeThumbprint().toString(), null, null);
    } catch (JOSEException e) {
      return bad("invalid_dpop_proof", "unusable DPoP key");
    }
  }

  private static Result bad(String error, String description) {
    return new Result(null, error, description);
  }
}
