package org.oauthdropins.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.fuzz.Fuzz;

/**
 * The ID token checks that the flow tests reach only through a well-behaved fake: an algorithm
 * outside the allowed set is refused by name before any key is looked for, a blank subject is no
 * subject, and the claims of a good token are what the caller gets.
 */
class IdTokenVerifierTest {

  static final long NOW = 1_700_000_000L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  static final ECKey KEY = key();

  private static ECKey key() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The provider's published keys: {@link #KEY}, served without a network. */
  static Jwks keys(String site) {
    String jwks = new JWKSet(KEY.toPublicJWK()).toString();
    return new Jwks(
        site,
        URI.create("https://op.example/jwks"),
        Fuzz.answering(call -> Fuzz.result(200, call.uri(), "application/json", jwks)),
        CLOCK);
  }

  private static IdTokenVerifier verifier() {
    return new IdTokenVerifier("op", Set.of("https://op.example"), "client", keys("op"), CLOCK);
  }

  private static String token(JWSAlgorithm alg, JWSSigner signer, String subject) throws Exception {
    String claims =
        "{\"iss\":\"https://op.example\",\"aud\":\"client\",\"sub\":\"%s\",\"iat\":%d,\"exp\":%d}"
            .formatted(subject, NOW, NOW + 600);
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(alg).keyID("k1").type(JOSEObjectType.JWT).build(),
            new Payload(claims));
    jws.sign(signer);
    return jws.serialize();
  }

  @Test
  void aGoodTokensClaimsAreReturned() throws Exception {
    assertThat(
            verifier()
                .verify(token(JWSAlgorithm.ES256, new ECDSASigner(KEY), "user-1"), null)
                .path("sub")
                .asText())
        .isEqualTo("user-1");
  }

  @Test
  void aSymmetricAlgorithmIsRefusedByNameBeforeAnyKeyIsLookedFor() throws Exception {
    // HS256 with a secret the attacker knows (the client id, or the provider's public key bytes)
    // is the classic algorithm-confusion forgery.
    String forged = token(JWSAlgorithm.HS256, new MACSigner(new byte[32]), "victim");
    assertThatThrownBy(() -> verifier().verify(forged, null))
        .isInstanceOf(ProviderException.class)
        .hasMessage("op ID token is signed with an unsupported algorithm HS256");
  }

  @Test
  void aBlankSubjectIsNoSubject() throws Exception {
    String blank = token(JWSAlgorithm.ES256, new ECDSASigner(KEY), "  ");
    assertThatThrownBy(() -> verifier().verify(blank, null))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("has no subject");
  }

  private static String signed(String claims) throws Exception {
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").type(JOSEObjectType.JWT).build(),
            new Payload(claims));
    jws.sign(new ECDSASigner(KEY));
    return jws.serialize();
  }

  /** A refreshed token's claims: the login's, newly issued, plus {@code more}. */
  private static String refreshed(String more) throws Exception {
    return signed(
        ("{\"iss\":\"https://op.example\",\"aud\":[\"client\"],\"sub\":\"user-1\",\"iat\":%d,"
                + "\"exp\":%d%s}")
            .formatted(NOW, NOW + 600, more));
  }

  /** The login's claims, issued 100 s ago, plus {@code more}. */
  private static com.fasterxml.jackson.databind.JsonNode login(String more) {
    return org.oauthdropins.internal.http.Json.parse(
        "{\"iss\":\"https://op.example\",\"aud\":\"client\",\"sub\":\"user-1\",\"iat\":%d%s}"
            .formatted(NOW - 100, more));
  }

  @Test
  void aRefreshedTokenMayCarryTheAudienceAsAListAndNeedNotRepeatTheSignInTime() throws Exception {
    assertThat(
            verifier()
                .verifyRefreshed(refreshed(""), login(",\"auth_time\":%d".formatted(NOW - 300)))
                .path("sub")
                .asText())
        .isEqualTo("user-1");
  }

  @Test
  void aSignInTimeWhereTheLoginHadNoneMustBeNoLaterThanTheLoginsToken() throws Exception {
    String before = refreshed(",\"auth_time\":%d".formatted(NOW - 100));
    assertThat(verifier().verifyRefreshed(before, login("")).path("auth_time").asLong())
        .isEqualTo(NOW - 100);
    String after = refreshed(",\"auth_time\":%d".formatted(NOW - 99));
    assertThatThrownBy(() -> verifier().verifyRefreshed(after, login("")))
        .isInstanceOf(ProviderException.class)
        .hasMessage("op refreshed ID token names another sign-in time than the login's");
  }

  @Test
  void aRefreshedTokenLosingTheLoginsAzpIsRefused() throws Exception {
    assertThatThrownBy(
            () -> verifier().verifyRefreshed(refreshed(""), login(",\"azp\":\"client\"")))
        .isInstanceOf(ProviderException.class)
        .hasMessage("op refreshed ID token names another authorized party than the login's");
  }
}
