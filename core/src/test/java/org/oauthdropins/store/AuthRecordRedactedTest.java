package org.oauthdropins.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A stored login shown to a person never shows a whole credential, wherever a site keeps it. */
class AuthRecordRedactedTest {

  @Test
  void tokensPageTokensSessionJwtsAndTheDpopKeyAreShortenedEverywhere() {
    AuthRecord r =
        AuthRecord.of(
            new Key("FacebookAuth", "212038"),
            "facebook",
            new AccessToken.Bearer("EAAuserTOKEN-0123456789"),
            "refresh-0123456789",
            null,
            "{\"name\":\"Ryan\",\"session\":{\"accessJwt\":\"eyJhbGciOi-jwt-0123456789\"}}",
            "{\"pages\":[{\"id\":\"1\",\"name\":\"My Page\",\"access_token\":\"EAApageTOKEN-0123456789\"}],"
                + "\"id_token\":\"eyJraWQ-idtoken-0123456789\",\"app_token\":\"apptoken-0123456789\","
                + "\"dpop_key\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"private-0123456789\"}}");

    String shown = r.redacted();

    assertThat(shown)
        .doesNotContain(
            "EAAuserTOKEN-0123456789",
            "refresh-0123456789",
            "eyJhbGciOi-jwt-0123456789",
            "EAApageTOKEN-0123456789",
            "idtoken-0123456789",
            "apptoken-0123456789",
            "private-0123456789",
            "P-256")
        .contains("\"212038\"", "My Page", "Ryan", "EAAp…(23 chars)", "EAAu…(23 chars)");
  }

  @Test
  void anOAuth1KeyAndSecretAreBothShortened() {
    AuthRecord r =
        AuthRecord.of(
            new Key("TwitterAuth", "alice"),
            "twitter",
            new AccessToken.OAuth1("1234-tokenkey-0123456789", "tokensecret-0123456789"),
            null,
            null,
            "{}",
            "{}");

    assertThat(r.redacted())
        .doesNotContain("tokenkey-0123456789", "tokensecret-0123456789")
        .contains("access_token_key", "access_token_secret", "1234…(24 chars)");
  }

  @Test
  void whereATokenIsSentAndItsTypeStayReadable() {
    AuthRecord r =
        AuthRecord.of(
            new Key("BlueskyAuth", "did:plc:abc"),
            "bluesky",
            new AccessToken.Bearer("short"),
            null,
            null,
            "{\"token_type\":\"DPoP\"}",
            "{\"token_endpoint\":\"https://bsky.social/oauth/token\","
                + "\"pds_url\":\"https://pds.example\",\"dpop_key\":\"{\\\"d\\\":\\\"k-0123456789\\\"}\"}");

    assertThat(r.redacted())
        .contains("https://bsky.social/oauth/token", "https://pds.example", "DPoP")
        .doesNotContain("\"short\"", "k-0123456789");
  }

  @Test
  void aDocumentThatIsNotJsonIsNotShown() {
    AuthRecord r =
        AuthRecord.of(
            new Key("GitHubAuth", "1"),
            "github",
            null,
            null,
            null,
            "access_token=gho_notjson0123456789",
            "{}");

    assertThat(r.redacted()).doesNotContain("gho_notjson0123456789").contains("not JSON");
  }
}
