package org.oauthdropins.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

  @Test
  void aSealedValueOpensForItsContextAndNamesItsKey() {
    KeyRing ring = KeyRing.generate();
    String sealed = ring.seal("gho_secret", "github:123 access_token");

    assertThat(sealed).startsWith("{sealed:" + ring.primaryId() + "}").doesNotContain("gho_secret");
    assertThat(KeyRing.keyIdOf(sealed)).isEqualTo(ring.primaryId());
    assertThat(ring.open(sealed, "github:123 access_token")).isEqualTo("gho_secret");
  }

  @Test
  void sealingTwiceGivesTwoValues() {
    KeyRing ring = KeyRing.generate();
    assertThat(ring.seal("x", "c")).isNotEqualTo(ring.seal("x", "c"));
  }

  @Test
  void aValueMovedToAnotherRowOrFieldDoesNotOpen() {
    KeyRing ring = KeyRing.generate();
    String sealed = ring.seal("gho_secret", "github:123 access_token");

    assertThatThrownBy(() -> ring.open(sealed, "github:456 access_token"))
        .isInstanceOf(CannotOpenException.class)
        .hasMessageContaining("key " + ring.primaryId());
    assertThatThrownBy(() -> ring.open(sealed, "github:123 refresh_token"))
        .isInstanceOf(CannotOpenException.class);
  }

  @Test
  void aRotatedRingSealsWithItsNewKeyAndOpensWhatTheOldOneSealed() {
    KeyRing first = KeyRing.generate();
    String old = first.seal("one", "c");
    KeyRing second = first.rotated();
    String middle = second.seal("two", "c");
    KeyRing third = second.rotated();

    assertThat(third.ids()).hasSize(3).startsWith(third.primaryId());
    assertThat(KeyRing.keyIdOf(third.seal("three", "c"))).isEqualTo(third.primaryId());
    assertThat(third.open(old, "c")).isEqualTo("one");
    assertThat(third.open(middle, "c")).isEqualTo("two");
  }

  @Test
  void aValueUnderAKeyTheRingLacksFailsNamingTheKeyId() {
    KeyRing first = KeyRing.generate();
    String old = first.seal("one", "c");
    KeyRing retired = first.rotated().without(first.primaryId());

    assertThatThrownBy(() -> retired.open(old, "c"))
        .isInstanceOf(CannotOpenException.class)
        .hasMessageContaining("key " + first.primaryId())
        .hasMessageNotContaining("one")
        .extracting(e -> ((CannotOpenException) e).keyId())
        .isEqualTo(first.primaryId());
  }

  @Test
  void anotherKeyUnderTheSameIdFailsNamingTheKeyId() {
    KeyRing ring = KeyRing.parse("7:" + "A".repeat(43) + "=");
    KeyRing impostor = KeyRing.parse("7:" + "B".repeat(43) + "=");
    String sealed = ring.seal("secret", "c");

    assertThatThrownBy(() -> impostor.open(sealed, "c"))
        .isInstanceOf(CannotOpenException.class)
        .hasMessageContaining("key 7 is not the one that sealed it");
  }

  @Test
  void theTextFormRoundTripsAndToStringShowsIdsOnly() {
    KeyRing ring = KeyRing.generate().rotated();
    KeyRing read = KeyRing.parse(ring.spec());

    assertThat(read.ids()).isEqualTo(ring.ids());
    assertThat(read.open(ring.seal("v", "c"), "c")).isEqualTo("v");
    assertThat(ring.toString()).isEqualTo("KeyRing" + ring.ids()).doesNotContain(":");
  }

  @Test
  void aMalformedRingIsRefusedWithoutEchoingItsKeys() {
    assertThatThrownBy(() -> KeyRing.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> KeyRing.parse("x:" + "A".repeat(44)))
        .hasMessageContaining("no numeric id");
    assertThatThrownBy(() -> KeyRing.parse("3:c2hvcnQ="))
        .hasMessage("key 3 of the key ring has 5 bytes, not 32");
    assertThatThrownBy(() -> KeyRing.parse("3:" + "A".repeat(43) + "=,3:" + "B".repeat(43) + "="))
        .hasMessageContaining("appears twice");
    assertThatThrownBy(() -> KeyRing.parse("AAAA" + "A".repeat(40)))
        .hasMessageNotContaining("AAAA" + "A".repeat(40));
  }

  @Test
  void theEmbeddedRingIsMadeOnceBesideTheDatabaseForItsOwnerOnly(@TempDir Path dir)
      throws Exception {
    KeyRing first = KeySource.embedded(dir).keyRing();
    KeyRing again = KeySource.embedded(dir).keyRing();

    Path file = dir.resolve(KeySource.EMBEDDED_FILE_NAME);
    assertThat(again.spec()).isEqualTo(first.spec());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.list(dir)).containsExactly(file);
  }

  /**
   * Values sealed by the release that sealed through Tink's AES-GCM (no output prefix), under the
   * key 7 = bytes 1..32: the JDK's cipher opens them, so rows and cookies sealed then still open.
   */
  @Test
  void valuesSealedByTheEarlierCipherStillOpen() {
    KeyRing ring = KeyRing.parse("7:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
    assertThat(
            ring.open(
                "{sealed:7}neo9aDGdlTR28d7QJDA0pbYGpgrO2DOMT5ijDS2Nk3Yhc9vwxtRSlUauQA",
                "[\"login\",\"GitHubAuth\",\"42\",\"token\"]"))
        .isEqualTo("gho_token-value");
    assertThat(ring.open("{sealed:7}tZg30UtDlLHcQDcNJMsnoSNyC-DjEeWtMFzQHA", "ctx")).isEmpty();
    assertThatThrownBy(() -> ring.open("{sealed:7}tZg30UtDlLHcQDcNJMsnoSNyC-DjEeWtMFzRHA", "ctx"))
        .isInstanceOf(CannotOpenException.class);
    assertThatThrownBy(() -> ring.open("{sealed:7}AAAA", "ctx"))
        .isInstanceOf(CannotOpenException.class)
        .hasMessageContaining("key 7");
  }

  @Test
  void aCheckValueTellsTwoKeysOfOneIdApartAndIsStable() {
    KeyRing ring = KeyRing.parse("7:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
    assertThat(ring.checkValue(7))
        .isEqualTo(KeyRing.parse(ring.spec()).checkValue(7))
        .hasSize(12)
        .isNotEqualTo(KeyRing.parse("7:" + "B".repeat(43) + "=").checkValue(7));
    assertThatThrownBy(() -> ring.checkValue(8)).hasMessageContaining("key 8");
  }
}
