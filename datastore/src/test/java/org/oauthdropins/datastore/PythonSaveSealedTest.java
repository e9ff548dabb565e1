package org.oauthdropins.datastore;

import com.google.cloud.datastore.Datastore;

/**
 * {@link PythonSaveTest} with {@link DatastoreStore#sealingPythonKinds()}: Java's sealed writes
 * still meet the Python models (declared properties, required ones, types: a sealed value is a
 * string where the token was), and a Python save of a Java login, which keeps only the declared
 * properties, keeps the sealed values Java needs.
 */
class PythonSaveSealedTest extends PythonSaveTest {

  @Override
  DatastoreStore open(Datastore raw) {
    return super.open(raw).sealingPythonKinds();
  }
}
