package org.oauthdropins.engine.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.oauthdropins.http.HttpResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * OpenID Connect ID token verification (RS256, key from a cached JWKS): signature, issuer,
 * audience, times, nonce. In core's package because the verifier is internal to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IdTokenBench {

  private static final String ISSUER = "https://accounts.example";

  private IdTokenVerifier verifier;
  private String idToken;

  @Setup
  public void setUp() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    Jwks keys =
        new Jwks(
            "oidc",
            URI.create(ISSUER + "/jwks"),
            call ->
                new HttpResult(
                    200, call.uri(), Map.of("content-type", List.of("application/json")), jwks),
            Clock.systemUTC());
    verifier = new IdTokenVerifier("oidc", Set.of(ISSUER), "client", keys, Clock.systemUTC());
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("client")
                .subject("1234567890")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("nonce", "n-0S6_WzA2Mj")
                .build());
    jwt.sign(new RSASSASigner(key));
    idToken = jwt.serialize();
  }

  @Benchmark
  public JsonNode verify() {
    return verifier.verify(idToken, "n-0S6_WzA2Mj");
  }
}
