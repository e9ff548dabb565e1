package org.oauthdropins.engine.oidc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.oauthdropins.fuzz.Fuzz;
import org.oauthdropins.fuzz.Input;

/**
 * ID tokens and the provider's JWK set come from the provider (or whoever plays it in a mix-up):
 * every failure is a 502 {@link org.oauthdropins.errors.ProviderException}, never a crash.
 */
class IdTokenFuzzTest {

  private static final URI JWKS = URI.create("https://op.example/jwks");
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
  private static final ECKey KEY;

  static {
    try {
      KEY = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static IdTokenVerifier verifier(String jwks) {
    Jwks keys =
        new Jwks(
            "fuzz",
            JWKS,
            Fuzz.answering(call -> Fuzz.result(200, call.uri(), "application/json", jwks)),
            CLOCK);
    return new IdTokenVerifier("fuzz", Set.of("https://op.example"), "client", keys, CLOCK);
  }

  private static final String OUR_KEYS = new JWKSet(KEY.toPublicJWK()).toString();

  /** Input: any compact token (header.payload.signature), checked against our key. */
  @FuzzTest
  void anyToken(byte[] data) {
    String token = new Input(data).rest();
    Fuzz.refusesOnly(() -> verifier(OUR_KEYS).verify(token, "nonce"));
  }

  /** Input: any claims JSON, correctly signed with the provider's key: only the claims checks. */
  @FuzzTest
  void signedClaims(byte[] data) throws Exception {
    Input in = new Input(data);
    String nonce = in.pick("nonce", null);
    String claims = in.rest();
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").type(JOSEObjectType.JWT).build(),
            new Payload(claims));
    jws.sign(new ECDSASigner(KEY));
    String token = jws.serialize();
    Fuzz.refusesOnly(() -> verifier(OUR_KEYS).verify(token, nonce));
  }

  /** Input: a header byte (alg and kid), then any JWK set the provider might publish. */
  @FuzzTest
  void anyKeySet(byte[] data) {
    Input in = new Input(data);
    String header =
        in.pick(
            "{\"alg\":\"ES256\",\"kid\":\"k1\"}",
            "{\"alg\":\"RS256\"}",
            "{\"alg\":\"PS512\",\"kid\":\"a\"}",
            "{\"alg\":\"ES384\"}");
    String jwks = in.rest();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String token =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(
                "{\"iss\":\"https://op.example\",\"aud\":\"client\",\"sub\":\"s\"}"
                    .getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(new byte[64]);
    Fuzz.refusesOnly(() -> verifier(jwks).verify(token, null));
  }
}
