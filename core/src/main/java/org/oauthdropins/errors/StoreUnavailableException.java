package org.oauthdropins.errors;

/** The credential store could not be read or written. Nothing was half-written. */
public final class StoreUnavailableException extends LoginException {

  /** The store failed; a plain message for the user, the cause for the logs. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 503;
  }
}
