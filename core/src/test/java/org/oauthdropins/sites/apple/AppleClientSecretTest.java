package org.oauthdropins.sites.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.oauthdropins.store.MutableClock;

class AppleClientSecretTest {

  private static final ECKey KEY = generate();

  private static ECKey generate() {
    try {
      return new ECKeyGenerator(Curve.P_256).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String p8(String header) throws Exception {
    return header
        + "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(KEY.toECPrivateKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  @Test
  void theSecretIsAnEs256JwtWithTheClaimsAppleRequiresAndLivesHalfAnHour() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    AppleClientSecret secret =
        new AppleClientSecret(
            AppleClientSecret.AppleKey.parse(p8("team_id: TEAM123456\nkey_id: KEY7654321\n")),
            "org.example.web",
            clock);

    SignedJWT jwt = SignedJWT.parse(secret.current());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("KEY7654321");
    assertThat(jwt.verify(new ECDSAVerifier(KEY.toECPublicKey()))).isTrue();
    assertThat(claims.getIssuer()).isEqualTo("TEAM123456");
    assertThat(claims.getSubject()).isEqualTo("org.example.web");
    assertThat(claims.getAudience()).containsExactly("https://appleid.apple.com");
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void theSecretIsReusedUntilFiveMinutesBeforeItExpiresThenMadeAgain() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    AppleClientSecret secret =
        new AppleClientSecret(
            AppleClientSecret.AppleKey.parse(p8("team_id: T\nkey_id: K\n")), "c", clock);
    String first = secret.current();

    clock.advance(Duration.ofMinutes(25).minusSeconds(1));
    String stillFirst = secret.current();
    clock.advance(Duration.ofSeconds(1));
    String renewed = secret.current();

    assertThat(stillFirst).isEqualTo(first);
    assertThat(renewed).isNotEqualTo(first);
    assertThat(SignedJWT.parse(renewed).getJWTClaimsSet().getIssueTime().toInstant())
        .isEqualTo(clock.instant());
  }

  @Test
  void aKeyFileWithoutItsIdsOrWithGarbageFailsAtStartupNamingWhatToSet() throws Exception {
    String bare = p8("");
    assertThatThrownBy(() -> AppleClientSecret.AppleKey.parse(bare))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apple_team_id");
    assertThatThrownBy(
            () -> AppleClientSecret.AppleKey.parse("team_id: T\nkey_id: K\nnot a key at all"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(".p8");
    assertThat(AppleClientSecret.AppleKey.parse(p8("team_id: T\nkey_id: K\n")).toString())
        .doesNotContain("PRIVATE");
  }

  @Test
  void linesAboveTheKeyWithoutANameAndAHalfGivenPairOfIdsAreNotTakenForIds() throws Exception {
    AppleClientSecret.AppleKey key =
        AppleClientSecret.AppleKey.parse(p8("My Sign in with Apple key\nteam_id: T\nkey_id: K\n"));
    assertThat(key.teamId()).isEqualTo("T");
    assertThat(key.keyId()).isEqualTo("K");
    assertThatThrownBy(() -> AppleClientSecret.AppleKey.parse(p8("team_id: T\n")))
        .as("a key id is needed as well: the file's or the credential's, never none")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing credential");
    assertThatThrownBy(() -> AppleClientSecret.AppleKey.parse(p8("key_id: K\n")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apple_team_id");
  }

  @Test
  void itsTextNamesTheTeamAndTheKeyAndNeverTheKeyMaterial() throws Exception {
    AppleClientSecret.AppleKey key =
        AppleClientSecret.AppleKey.parse(p8("team_id: TEAM123456\nkey_id: KEY7654321\n"));
    String material = Base64.getMimeEncoder().encodeToString(KEY.toECPrivateKey().getEncoded());
    assertThat(key.toString())
        .contains("TEAM123456", "KEY7654321")
        .doesNotContain(material.substring(0, 16));
    assertThat(new AppleClientSecret(key, "org.example.web", new MutableClock(Instant.EPOCH)))
        .asString()
        .contains("TEAM123456", "KEY7654321")
        .doesNotContain(material.substring(0, 16));
  }
}
