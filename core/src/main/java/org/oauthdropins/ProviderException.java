package org.oauthdropins;

/** The provider failed, could not be reached, or answered something we cannot use. */
public final class ProviderException extends LoginException {

  private final String oauthError;

  public ProviderException(String message) {
    this(message, null, null);
  }

  public ProviderException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /**
   * A provider's refusal with an OAuth error code.
   *
   * @param message the plain message for the user
   * @param cause the underlying failure, or null
   * @param oauthError the provider's {@code error} value, e.g. {@code invalid_client}, or null
   */
  public ProviderException(String message, Throwable cause, String oauthError) {
    super(message, cause);
    this.oauthError = oauthError;
  }

  /** The provider's OAuth {@code error} code (RFC 6749 §5.2), or null if it sent none. */
  public String oauthError() {
    return oauthError;
  }

  @Override
  public int status() {
    return 502;
  }
}
