package org.oauthdropins.errors;

/**
 * A login that cannot go on. Each subtype maps to one HTTP status; its message is plain, safe to
 * show the user, and never contains a token, secret, code or verifier.
 */
public abstract sealed class LoginException extends RuntimeException
    permits BadRequestException, ProviderException, StoreUnavailableException {

  LoginException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The HTTP status that an adapter answers with. */
  public abstract int status();
}
