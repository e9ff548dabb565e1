package org.oauthdropins.keys;

/**
 * A sealed value that the key ring cannot open: its key is missing from the ring, the ring's key of
 * that id is another key, or the value was altered or moved to another row. The message names the
 * key id and never the value. Stores turn it into a 503 and never rewrite or delete such a row.
 */
public final class CannotOpenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int keyId;

  /**
   * @param keyId the id of the key the value names, or 0 if it names none
   * @param message what failed, naming the key id
   */
  public CannotOpenException(int keyId, String message) {
    super(message);
    this.keyId = keyId;
  }

  /** The id of the key the value is sealed under, or 0 if the value names none. */
  public int keyId() {
    return keyId;
  }
}
