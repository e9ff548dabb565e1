package org.oauthdropins.store;

/**
 * A store whose backend can be taken away, for the contract's "store is down" cases.
 *
 * @see StoreBackend#outage
 */
// close() may throw InterruptedException (cutting a proxy waits for it); tests declare Exception.
@SuppressWarnings("try")
public interface Outage extends AutoCloseable {

  /** The store; it works until {@link #down()}. */
  AuthStore store();

  /** Makes the backend unreachable, the way a crashed or partitioned server is. */
  void down() throws Exception;

  @Override
  default void close() throws Exception {
    store().close();
  }

  /**
   * An outage that {@code cut} causes, e.g. closing a {@link TcpProxy} the store connects through.
   * Closing the outage cuts too, so nothing is left running.
   */
  static Outage of(AuthStore store, AutoCloseable cut) {
    return new Outage() {
      @Override
      public AuthStore store() {
        return store;
      }

      @Override
      public void down() throws Exception {
        cut.close();
      }

      @Override
      public void close() throws Exception {
        cut.close();
        store.close();
      }
    };
  }
}
