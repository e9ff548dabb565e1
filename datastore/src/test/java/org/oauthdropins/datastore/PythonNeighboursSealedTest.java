package org.oauthdropins.datastore;

import com.google.cloud.datastore.Datastore;

/**
 * {@link PythonNeighboursTest} with {@link DatastoreStore#sealingPythonKinds()}: Java logins beside
 * Python apps' registrations and logins, with the Python kinds sealed: the logins still work, and
 * the Python apps' entities are never written.
 */
class PythonNeighboursSealedTest extends PythonNeighboursTest {

  @Override
  DatastoreStore open(Datastore raw) {
    return super.open(raw).sealingPythonKinds();
  }
}
