package org.oauthdropins;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.oauthdropins.fuzz.Fuzz;
import org.oauthdropins.fuzz.Input;
import org.oauthdropins.store.Key;

/** {@code auth_entity} comes from a URL anyone can type. */
class KeyFuzzTest {

  @FuzzTest
  void fromUrlsafe(byte[] data) {
    String text = new Input(data).rest();
    Fuzz.refusesOnly(
        () -> {
          Key key = Key.fromUrlsafe(text);
          if (!Key.fromUrlsafe(key.urlsafe()).equals(key)) {
            throw new AssertionError("a parsed key does not survive its own urlsafe form");
          }
        });
  }
}
