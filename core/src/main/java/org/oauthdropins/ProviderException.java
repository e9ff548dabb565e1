package org.oauthdropins;

/** The provider failed, could not be reached, or answered something we cannot use. */
public final class ProviderException extends LoginException {

  public ProviderException(String message) {
    super(message, null);
  }

  public ProviderException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 502;
  }
}
