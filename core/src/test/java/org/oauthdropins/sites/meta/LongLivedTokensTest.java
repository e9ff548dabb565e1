package org.oauthdropins.sites.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LongLivedTokensTest {

  private final LongLivedTokens meta =
      LongLivedTokens.under(URI.create("https://graph.example"), "th", Duration.ofDays(7));

  @Test
  void theSuffixMetaAppendsIsNotPartOfTheCode() {
    assertThat(meta.code("AQBx#_")).isEqualTo("AQBx");
    assertThat(meta.code("AQBx")).isEqualTo("AQBx");
    assertThat(meta.code("#_")).isBlank();
  }

  @Test
  void theEndpointsAndGrantsFollowTheSitesPrefix() {
    assertThat(meta.exchangeUrl()).hasToString("https://graph.example/access_token");
    assertThat(meta.exchangeGrant()).isEqualTo("th_exchange_token");
    assertThat(meta.renewUrl()).hasToString("https://graph.example/refresh_access_token");
    assertThat(meta.renewGrant()).isEqualTo("th_refresh_token");
    assertThat(meta.renewMargin()).isEqualTo(Duration.ofDays(7));
  }
}
