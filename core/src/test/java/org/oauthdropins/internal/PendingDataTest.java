package org.oauthdropins.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingDataTest {

  record Sample(
      String codeVerifier, URI tokenEndpoint, Instant at, boolean pkce, long n, String me) {}

  record Needy(int count) {}

  @Test
  void aRecordReadsBackEqualUnderTheSnakeCaseKeysTheStoresHaveAlwaysUsed() {
    Sample s =
        new Sample("v3r", URI.create("https://x.example/token"), Instant.EPOCH, true, 7L, null);
    Map<String, String> stored = PendingData.write(s);
    assertThat(stored)
        .containsOnlyKeys("code_verifier", "token_endpoint", "at", "pkce", "n")
        .containsEntry("code_verifier", "v3r");
    assertThat(PendingData.read(Sample.class, stored)).isEqualTo(s);
  }

  /** As engines keep theirs: private, outside the codec's reach but for reflection. */
  private record Hidden(String codeVerifier, String instance) {
    @Override
    public String toString() {
      return "Hidden[...]";
    }
  }

  @Test
  void aPrivateRecordIsWrittenAndReadBack() {
    Hidden h = new Hidden("v3r", "https://i.example");
    Map<String, String> stored = PendingData.write(h);
    assertThat(stored)
        .containsOnly(
            Map.entry("code_verifier", "v3r"), Map.entry("instance", "https://i.example"));
    assertThat(PendingData.read(Hidden.class, stored)).isEqualTo(h);
  }

  @Test
  void aMissingPrimitiveOrUnreadableValueIsRefusedWithoutEchoingTheValue() {
    assertThatThrownBy(() -> PendingData.read(Needy.class, Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("count");
    assertThatThrownBy(() -> PendingData.read(Needy.class, Map.of("count", "s3cret")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("s3cret");
  }
}
