package org.oauthdropins.sites.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.internal.PendingData;

/** Bluesky's pending login is kept under the keys the stores always had, and never printed. */
class PendingOAuthLoginTest {

  private static final PendingOAuthLogin LOGIN =
      new PendingOAuthLogin(
          "did:plc:abcdefghijklmnopqrstuvwx",
          URI.create("https://pds.example"),
          "https://auth.example",
          URI.create("https://auth.example/oauth/token"),
          "https://app.example/bluesky/client-metadata.json",
          "verifier-s3cret-0123456789",
          "{\"kty\":\"EC\",\"d\":\"private-s3cret\"}",
          "alice.example");

  @Test
  void aPackagePrivateRecordIsWrittenUnderTheStoresKeysAndReadBack() {
    Map<String, String> stored = PendingData.write(LOGIN);

    assertThat(stored)
        .containsOnlyKeys(
            "did",
            "pds",
            "issuer",
            "token_endpoint",
            "client_id",
            "code_verifier",
            "dpop_key",
            "handle")
        .containsEntry("code_verifier", "verifier-s3cret-0123456789")
        .containsEntry("token_endpoint", "https://auth.example/oauth/token");
    assertThat(PendingData.read(PendingOAuthLogin.class, stored)).isEqualTo(LOGIN);
  }

  @Test
  void aLoginWithoutAHandleStillFinishesButOneWithoutItsKeyDoesNot() {
    Map<String, String> stored = new HashMap<>(PendingData.write(LOGIN));
    stored.remove("handle");
    assertThat(PendingData.read(PendingOAuthLogin.class, stored).handle()).isNull();

    stored.remove("dpop_key");
    assertThatThrownBy(() -> PendingData.read(PendingOAuthLogin.class, stored))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toStringNamesNeitherTheVerifierNorTheKey() {
    assertThat(LOGIN.toString())
        .contains("did:plc:abcdefghijklmnopqrstuvwx")
        .doesNotContain("verifier-s3cret", "private-s3cret", "kty");
  }
}
