package org.oauthdropins.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * DPoP-bound access tokens as an atproto authorization server issues them: ES256 JWTs of type
 * {@code at+jwt} whose {@code cnf.jkt} names the thumbprint of the client's DPoP key (RFC 9449
 * §6.1). The resource server reads the binding back from the verified token.
 */
final class AccessTokens {

  private final ECKey key;
  private final ECDSASigner signer;
  private final ECDSAVerifier verifier;

  AccessTokens() {
    try {
      key = new ECKeyGenerator(Curve.P_256).keyID(Secrets.random(8)).generate();
      signer = new ECDSASigner(key);
      verifier = new ECDSAVerifier(key.toPublicJWK());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signed token for an account, bound to a DPoP key thumbprint. */
  String issue(String issuer, String sub, String audience, String scope, String jkt, long seconds) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(sub)
            .audience(audience)
            .jwtID(Secrets.random(16))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(seconds)))
            .claim("scope", scope)
            .claim("cnf", Map.of("jkt", jkt))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID())
                .build(),
            claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return Secrets.issued(jwt.serialize());
  }

  /** The {@code cnf.jkt} of a token this server signed, or null if it is not one. */
  String boundKey(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!jwt.verify(verifier)) {
        return null;
      }
      Object cnf = jwt.getJWTClaimsSet().getClaim("cnf");
      return cnf instanceof Map<?, ?> m && m.get("jkt") instanceof String jkt ? jkt : null;
    } catch (ParseException | JOSEException e) {
      return null;
    }
  }
}
