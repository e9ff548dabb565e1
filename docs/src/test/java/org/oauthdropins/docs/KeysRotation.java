package org.oauthdropins.docs;

// readme:start keys-rotation
import org.oauthdropins.keys.ResealReport;
import org.oauthdropins.store.AuthStore;

// readme:end

/** The README's third step of a key rotation. */
final class KeysRotation {

  private KeysRotation() {}

  static ResealReport reseal(AuthStore store) {
    // readme:start keys-rotation
    // Once every server runs with the new key first: seal every stored value under it.
    ResealReport report = store.reseal();
    if (report.complete()) {
      System.out.println("no stored value needs keys " + report.retired() + " any more");
    } else {
      System.out.println("rows that no key of the ring opens, by key id: " + report.unreadable());
    }
    // readme:end
    return report;
  }
}
