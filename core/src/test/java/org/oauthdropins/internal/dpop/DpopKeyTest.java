package org.oauthdropins.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** DPoP proofs against the RFC 9449 examples (specs.md §7.2). */
class DpopKeyTest {

  private static final String RFC_JWK =
      "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs\","
          + "\"y\":\"9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA\"}";

  private static final String TOKEN_PROOF =
      "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19"
          + ".eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ"
          + ".2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";

  private static final String RESOURCE_PROOF =
      "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19"
          + ".eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9"
          + ".2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";

  private static final String RFC_TOKEN = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";

  @Test
  void athOfTheRfcAccessToken() {
    assertThat(DpopKey.ath(RFC_TOKEN)).isEqualTo("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
  }

  @Test
  void thumbprintOfTheRfcKey() throws Exception {
    assertThat(ECKey.parse(RFC_JWK).computeThumbprint().toString())
        .isEqualTo("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
  }

  @Test
  void rfcProofsVerifyAgainstTheirEmbeddedKey() throws Exception {
    ECKey rfc = ECKey.parse(RFC_JWK);
    for (String proof : new String[] {TOKEN_PROOF, RESOURCE_PROOF}) {
      SignedJWT jwt = SignedJWT.parse(proof);
      assertThat(jwt.getHeader().getType().getType()).isEqualTo(DpopKey.TYPE);
      assertThat(jwt.getHeader().getJWK().toJSONObject()).isEqualTo(rfc.toJSONObject());
      assertThat(jwt.verify(new ECDSAVerifier((ECKey) jwt.getHeader().getJWK()))).isTrue();
    }
    SignedJWT resource = SignedJWT.parse(RESOURCE_PROOF);
    assertThat(resource.getJWTClaimsSet().getClaim("ath")).isEqualTo(DpopKey.ath(RFC_TOKEN));
    // A tampered proof does not verify.
    String tampered = TOKEN_PROOF.replace(".eyJqdGkiOiItQndD", ".eyJqdGkiOiItQndE");
    assertThat(SignedJWT.parse(tampered).verify(new ECDSAVerifier(rfc))).isFalse();
  }

  @Test
  void ourProofsHaveTheRfcShapeAndVerify() throws Exception {
    DpopKey key = DpopKey.generate();
    Instant now = Instant.ofEpochSecond(1562262618);
    String proof =
        key.proof(
            "GET",
            URI.create("https://resource.example.org/protectedresource?x=1#f"),
            "n0nce",
            RFC_TOKEN,
            now);
    SignedJWT jwt = SignedJWT.parse(proof);
    assertThat(jwt.getHeader().getType().getType()).isEqualTo("dpop+jwt");
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(jwt.getHeader().getJWK().isPrivate()).isFalse();
    assertThat(jwt.getHeader().getJWK().toJSONObject()).doesNotContainKey("d");
    assertThat(jwt.verify(new ECDSAVerifier((ECKey) jwt.getHeader().getJWK()))).isTrue();
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getClaim("htm")).isEqualTo("GET");
    assertThat(claims.getClaim("htu")).isEqualTo("https://resource.example.org/protectedresource");
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(now);
    assertThat(claims.getClaim("nonce")).isEqualTo("n0nce");
    assertThat(claims.getClaim("ath")).isEqualTo("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
    assertThat(jwt.getHeader().getJWK().computeThumbprint().toString()).isEqualTo(key.thumbprint());

    String second = key.proof("GET", URI.create("https://r.example/"), null, null, now);
    var c2 = SignedJWT.parse(second).getJWTClaimsSet();
    assertThat(c2.getJWTID()).isNotEqualTo(claims.getJWTID());
    assertThat(c2.getClaims()).doesNotContainKeys("nonce", "ath");
  }

  @Test
  void keySurvivesStorageAndHidesItsPrivatePart() {
    DpopKey key = DpopKey.generate();
    DpopKey back = DpopKey.fromJson(key.toJson());
    assertThat(back.thumbprint()).isEqualTo(key.thumbprint());
    assertThat(key.publicJson()).doesNotContain("\"d\"");
    assertThat(key.toString()).doesNotContain(key.toJson());
    assertThatThrownBy(() -> DpopKey.fromJson(RFC_JWK))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
