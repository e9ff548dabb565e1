package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.datastore.Datastore;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.store.Key;

/**
 * {@link PythonPixelfedRefreshTest} with {@link DatastoreStore#sealingPythonKinds()}: a login whose
 * app is a Python registration is refreshed with that registration when the Python kinds are sealed
 * too (the Python registration stays as Python wrote it).
 */
class PythonPixelfedRefreshSealedTest extends PythonPixelfedRefreshTest {

  @Override
  DatastoreStore open(Datastore raw) {
    return super.open(raw).sealingPythonKinds();
  }

  /** Sealed: Python reads text it cannot use; opened here with the ring, to compare. */
  @Override
  String asPythonReadsIt(String stored, Key login) {
    assertThat(stored).startsWith(KeyRing.SEALED_PREFIX);
    return KeySource.environment()
        .orElseThrow()
        .open(stored, JavaOnlySecrets.context(login, "token"));
  }
}
