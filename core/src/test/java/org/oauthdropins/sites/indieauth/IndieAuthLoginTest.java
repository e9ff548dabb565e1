package org.oauthdropins.sites.indieauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.internal.PendingData;

/** The pending login of IndieAuth, as the store keeps it. */
class IndieAuthLoginTest {

  @Test
  void itIsStoredUnderTheKeysEarlierVersionsWroteSoALoginSurvivesAnUpgrade() {
    Map<String, String> earlier =
        Map.of(
            "seen", "[\"https://alice.example/\"]",
            "client_id", "https://app.example/",
            "authorization_endpoint", "https://auth.example/auth",
            "scope", "profile create",
            "token_endpoint", "https://auth.example/token",
            "issuer", "https://auth.example/",
            "code_verifier", "v3r");
    IndieAuthSite.IndieAuthLogin read =
        PendingData.read(IndieAuthSite.IndieAuthLogin.class, earlier);
    assertThat(read)
        .isEqualTo(
            new IndieAuthSite.IndieAuthLogin(
                "[\"https://alice.example/\"]",
                "https://app.example/",
                URI.create("https://auth.example/auth"),
                "profile create",
                URI.create("https://auth.example/token"),
                "https://auth.example/",
                "v3r"));
    assertThat(PendingData.write(read)).isEqualTo(earlier);
  }

  @Test
  void itsTextNamesNoValue() {
    IndieAuthSite.IndieAuthLogin login =
        new IndieAuthSite.IndieAuthLogin(
            "[]",
            "https://app.example/",
            URI.create("https://a.example"),
            "profile",
            null,
            null,
            "v3r");
    assertThat(login).asString().doesNotContain("v3r", "app.example");
  }
}
