package org.oauthdropins.sites.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.internal.PendingData;

/** The pending login of a Mastodon-API site, as the store keeps it. */
class InstanceLoginTest {

  @Test
  void itIsStoredUnderTheKeysEarlierVersionsWroteSoALoginSurvivesAnUpgrade() {
    Map<String, String> earlier =
        Map.of(
            "instance", "https://mastodon.example",
            "client_id", "cid",
            "client_secret", "csecret",
            "code_verifier", "v3r");
    InstanceSite.InstanceLogin read = PendingData.read(InstanceSite.InstanceLogin.class, earlier);
    assertThat(read)
        .isEqualTo(
            new InstanceSite.InstanceLogin("https://mastodon.example", "cid", "csecret", "v3r"));
    assertThat(PendingData.write(read)).isEqualTo(earlier);
  }

  @Test
  void aLoginStartedBeforeTheRegistrationWasKeptHasNone() {
    InstanceSite.InstanceLogin read =
        PendingData.read(
            InstanceSite.InstanceLogin.class,
            Map.of("instance", "https://mastodon.example", "code_verifier", "v3r"));
    assertThat(read.clientId()).isNull();
    assertThat(read.clientSecret()).isNull();
  }

  @Test
  void itsTextNamesNoValue() {
    assertThat(new InstanceSite.InstanceLogin("https://i.example", "cid", "csecret", "v3r"))
        .asString()
        .doesNotContain("cid", "csecret", "v3r");
  }
}
