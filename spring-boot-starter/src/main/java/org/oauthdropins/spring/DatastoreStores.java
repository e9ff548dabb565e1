package org.oauthdropins.spring;

import java.util.Optional;
import org.oauthdropins.datastore.DatastoreStore;
import org.oauthdropins.internal.keys.ConfiguredKeys;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AuthStore;

/**
 * The Datastore store, in a class of its own so that the starter loads Datastore's classes only
 * when the app asked for them.
 */
final class DatastoreStores {

  private DatastoreStores() {}

  static AuthStore connect(String projectId, Optional<KeyRing> keys) {
    if (projectId == null || projectId.isBlank()) {
      throw new IllegalStateException(
          "oauth-dropins.store.type=datastore needs oauth-dropins.store.datastore-project-id");
    }
    KeyRing ring = ConfiguredKeys.required(keys, "The Datastore store");
    // connect() itself goes to the emulator when DATASTORE_EMULATOR_HOST is set.
    return DatastoreStore.connect(projectId, ring);
  }
}
