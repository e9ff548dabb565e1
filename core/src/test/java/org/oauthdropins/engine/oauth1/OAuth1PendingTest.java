package org.oauthdropins.engine.oauth1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.internal.PendingData;

class OAuth1PendingTest {

  @Test
  void theTemporaryCredentialsAreStoredUnderTheKeysStoresHaveAlwaysHeld() {
    OAuth1Site.Pending p = new OAuth1Site.Pending("rt", "rts");
    Map<String, String> stored = PendingData.write(p);
    assertThat(stored)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("request_token", "rt", "request_token_secret", "rts"));
    assertThat(PendingData.read(OAuth1Site.Pending.class, stored)).isEqualTo(p);
  }

  @Test
  void theSecretIsNotInThePendingLoginsText() {
    assertThat(new OAuth1Site.Pending("rt", "secret-value").toString())
        .doesNotContain("secret-value");
  }
}
