package org.oauthdropins.errors;

import java.io.IOException;
import java.util.Optional;

/** The provider failed, could not be reached, or answered something we cannot use. */
public final class ProviderException extends LoginException {

  /** The provider's OAuth error, or null if it sent none. */
  private final OAuthError error;

  /** A provider failure, with a plain message that names no secret. */
  public ProviderException(String message) {
    this(message, null, null);
  }

  /** A provider failure, with a plain message that names no secret, and its cause for the logs. */
  public ProviderException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /**
   * A provider's refusal with its OAuth error, which callers can act on (a Mastodon instance that
   * forgot the app's registration answers {@code invalid_client}).
   *
   * @param message the plain message for the user
   * @param cause the underlying failure, or null
   * @param error the provider's error, or null
   */
  public ProviderException(String message, Throwable cause, OAuthError error) {
    super(message, cause);
    this.error = error;
  }

  /**
   * A provider's OAuth error answer, as the user's error page shows it: {@code "<what>: <error>
   * (<description>)"}. The description is what tells a developer why, e.g. that a redirect URI was
   * refused.
   *
   * @param what who refused, e.g. {@code "github refused the token request"}
   */
  public static ProviderException refused(String what, OAuthError error) {
    return new ProviderException(what + ": " + error.display(), null, error);
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
    Optional<OAuthError> e = OAuthError.of(error, description, null);
    if (e.isPresent()) {
      return refused(what, e.get());
    }
    boolean described = description != null && !description.isBlank();
    return new ProviderException(
        what + ": HTTP " + status + (described ? " (" + clean(description) + ")" : ""));
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
    return OAuthError.clean(s);
  }

  /** The provider's OAuth error (RFC 6749 §4.1.2.1, §5.2), if it sent one. */
  public Optional<OAuthError> error() {
    return Optional.ofNullable(error);
  }

  /** The code of {@link #error()}, or null: for callers that only compare it. */
  public String oauthError() {
    return error == null ? null : error.code();
  }

  @Override
  public int status() {
    return 502;
  }
}
