package org.oauthdropins;

import java.io.IOException;

/** The provider failed, could not be reached, or answered something we cannot use. */
public final class ProviderException extends LoginException {

  /** The provider's OAuth {@code error} code, or null if it sent none. */
  private final String oauthError;

  /** A provider failure, with a plain message that names no secret. */
  public ProviderException(String message) {
    this(message, null, null);
  }

  /** A provider failure, with a plain message that names no secret, and its cause for the logs. */
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

  /**
   * A provider's error answer (an OAuth {@code error} with its {@code error_description}, or an
   * XRPC {@code error} with its {@code message}) as the user's error page shows it: {@code "<what>:
   * <error> (<description>)"}, both cleaned. The description is what tells a developer why, e.g.
   * that a redirect URI was refused; it is provider text, never one of our secrets.
   *
   * @param what who refused, e.g. {@code "bluesky refused the authorization request"}
   * @param error the error code, or null
   * @param description the provider's explanation, or null
   * @param status the HTTP status, reported when there is no error code
   */
  public static ProviderException answered(
      String what, String error, String description, int status) {
    String reason = error == null || error.isBlank() ? "HTTP " + status : clean(error);
    boolean described = description != null && !description.isBlank();
    return new ProviderException(
        what + ": " + reason + (described ? " (" + clean(description) + ")" : ""), null, error);
  }

  /**
   * The provider could not be reached: a connection, TLS or timeout failure. The cause's message
   * names a host or a timeout, never a request's content.
   *
   * @param who what was being reached, e.g. {@code "github token endpoint"}
   */
  public static ProviderException unreachable(String who, IOException cause) {
    return new ProviderException(who + " could not be reached: " + cause.getMessage(), cause);
  }

  /** Provider text shown to users: printable ASCII only, at most 200 characters. */
  public static String clean(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 200 ? printable.substring(0, 200) + "..." : printable;
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
