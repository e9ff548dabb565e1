package org.oauthdropins.datastore;

import com.google.cloud.datastore.Datastore;

/**
 * {@link PythonOldKeysTest} with {@link DatastoreStore#sealingPythonKinds()}: Java logins over
 * Python entities under their old keys, with the Python kinds sealed: the history carries over all
 * the same, and Java reads its sealed tokens back.
 */
class PythonOldKeysSealedTest extends PythonOldKeysTest {

  @Override
  DatastoreStore open(Datastore raw) {
    return super.open(raw).sealingPythonKinds();
  }
}
