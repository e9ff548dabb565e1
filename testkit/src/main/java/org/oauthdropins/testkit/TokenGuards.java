package org.oauthdropins.testkit;

import java.util.Locale;
import java.util.Map;

/**
 * Checks that several providers' token endpoints make before anything else, for {@link
 * FakeOAuth2#tokenGuard}.
 */
final class TokenGuards {

  private TokenGuards() {}

  /**
   * Refuses a token request that is not a form, as providers do whose documentation requires {@code
   * application/x-www-form-urlencoded}; null lets the request through.
   */
  static FakeResponse formEncoded(FakeRequest r) {
    String type = r.header("content-type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return FakeResponse.json(
          400, Map.of("error", "invalid_request", "error_description", "Unsupported content type"));
    }
    return null;
  }
}
