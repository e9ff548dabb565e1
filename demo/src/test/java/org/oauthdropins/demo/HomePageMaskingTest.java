package org.oauthdropins.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oauthdropins.AccessToken;
import org.oauthdropins.Key;
import org.oauthdropins.store.AuthRecord;

/** The demo's entity view never shows a whole credential, wherever a site keeps it. */
class HomePageMaskingTest {

  @Test
  void tokensKeysAndSessionsAreShortenedEverywhere() {
    AuthRecord r =
        AuthRecord.of(
            new Key("FacebookAuth", "212038"),
            "facebook",
            new AccessToken.Bearer("EAAuserTOKEN-0123456789"),
            "refresh-0123456789",
            null,
            "{\"name\":\"Ryan\",\"session\":{\"accessJwt\":\"eyJhbGciOi-jwt-0123456789\"}}",
            "{\"pages\":[{\"id\":\"1\",\"name\":\"My Page\",\"access_token\":\"EAApageTOKEN-0123456789\"}],"
                + "\"dpop_key\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"private-0123456789\"}}");
    String shown = HomePage.masked(r);
    assertThat(shown)
        .doesNotContain(
            "EAAuserTOKEN-0123456789",
            "refresh-0123456789",
            "eyJhbGciOi-jwt-0123456789",
            "EAApageTOKEN-0123456789",
            "private-0123456789",
            "P-256")
        .contains("My Page", "Ryan", "EAAp…(23 chars)");
  }
}
