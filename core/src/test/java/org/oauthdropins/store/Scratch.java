package org.oauthdropins.store;

import java.time.Clock;
import org.oauthdropins.keys.KeyRing;

/**
 * An empty backend of one test's own, for the tests of sealing at rest: they look at what the
 * backend holds, as someone with a copy of it would, and open it under one key ring after another,
 * which a backend shared by a test class cannot allow (its key check remembers the keys).
 */
public interface Scratch extends AutoCloseable {

  /** A store on this backend that seals under {@code ring}, as an app restarted with it would. */
  AuthStore open(Clock clock, KeyRing ring);

  /** A store on this backend that reads and writes rows as they are held, sealed values and all. */
  AuthStore unsealed(Clock clock);

  /**
   * Everything the backend holds, as text, the way someone with a copy of it reads it: the bytes of
   * a database's files, the text of its tables' rows, the values of the entities.
   */
  String dump() throws Exception;

  @Override
  default void close() {}
}
