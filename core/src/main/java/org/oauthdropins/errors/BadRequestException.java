package org.oauthdropins.errors;

/** The browser sent something we cannot accept (missing, forged, expired or replayed state...). */
public final class BadRequestException extends LoginException {

  /** A refusal of what the browser sent, with a plain message that is safe to show. */
  public BadRequestException(String message) {
    super(message, null);
  }

  @Override
  public int status() {
    return 400;
  }
}
