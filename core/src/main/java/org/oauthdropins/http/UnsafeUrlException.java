package org.oauthdropins.http;

import java.io.IOException;

/**
 * The SSRF guard refused a URL: a scheme, an address or a redirect it does not allow. The message
 * says which rule, and is safe to show to the user who typed the URL.
 */
public final class UnsafeUrlException extends IOException {

  private static final long serialVersionUID = 1L;

  /** An address the guard refuses, with a plain message naming why. */
  public UnsafeUrlException(String message) {
    super(message);
  }
}
