package org.oauthdropins.errors;

import java.util.Optional;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.web.WebRequest;

/**
 * A provider's OAuth error (RFC 6749 §4.1.2.1 in a callback, §5.2 in a token endpoint's answer),
 * read once where it arrives and cleaned for display: provider text reaches the user's error page
 * and the logs, so every part is printable ASCII and bounded. It is provider text, never one of the
 * app's secrets.
 *
 * @param code the {@code error} value, e.g. {@code invalid_client}; never blank
 * @param description the {@code error_description}, or null
 * @param uri the {@code error_uri}, or null
 */
public record OAuthError(String code, String description, String uri) {

  /** The longest text kept of each part; longer text is cut and marked. */
  static final int MAX = 200;

  /** Cleans every part; a blank description or uri becomes null. */
  public OAuthError {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("an OAuth error needs a code");
    }
    code = clean(code);
    description = description == null || description.isBlank() ? null : clean(description);
    uri = uri == null || uri.isBlank() ? null : clean(uri);
  }

  /**
   * The error a callback carries, if any.
   *
   * @param web the callback request
   */
  public static Optional<OAuthError> in(WebRequest web) {
    return of(
        web.parameter(OAuthParameters.ERROR).orElse(null),
        web.parameter(OAuthParameters.ERROR_DESCRIPTION).orElse(null),
        web.parameter(OAuthParameters.ERROR_URI).orElse(null));
  }

  /** The error with these parts, or empty if there is no code. */
  public static Optional<OAuthError> of(String code, String description, String uri) {
    return code == null || code.isBlank()
        ? Optional.empty()
        : Optional.of(new OAuthError(code, description, uri));
  }

  /** As an error page shows it: {@code code (description)}. */
  public String display() {
    return description == null ? code : code + " (" + description + ")";
  }

  /** Provider text shown to users: printable ASCII only, at most {@value #MAX} characters. */
  static String clean(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > MAX ? printable.substring(0, MAX) + "..." : printable;
  }
}
