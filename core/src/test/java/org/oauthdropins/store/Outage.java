package org.oauthdropins.store;

/**
 * A store whose backend can be taken away, for the contract's "store is down" cases.
 *
 * @see AuthStoreContract#outage()
 */
public interface Outage extends AutoCloseable {

  /** The store; it works until {@link #down()}. */
  AuthStore store();

  /** Makes the backend unreachable, the way a crashed or partitioned server is. */
  void down() throws Exception;

  @Override
  default void close() throws Exception {
    store().close();
  }
}
