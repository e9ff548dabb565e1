package org.oauthdropins.datastore;

import com.google.cloud.datastore.Datastore;

/**
 * {@link PythonAnswersTest} with {@link DatastoreStore#sealingPythonKinds()}: Java still reads
 * every login the Python library wrote as Python answers when it seals the Python kinds itself:
 * what Python wrote is plain, and a sealing store reads plain values as they are.
 */
class PythonAnswersSealedTest extends PythonAnswersTest {

  @Override
  DatastoreStore open(Datastore raw) {
    return super.open(raw).sealingPythonKinds();
  }
}
