package org.oauthdropins.internal.oauth2;

import org.oauthdropins.errors.ProviderException;

/**
 * The cause of a refresh's {@link ProviderException} when the provider answered with new tokens, a
 * new refresh token among them, and the library refused the answer (a token of the wrong type, an
 * ID token about someone else). The provider has taken the refresh token it was sent, so the
 * fleet's refresh coordinator treats that token as spent: sending it again is the reuse that makes
 * a provider revoke the grant.
 */
public final class RotationRefused extends RuntimeException {

  private RotationRefused(ProviderException refusal) {
    super(refusal.getMessage(), refusal, false, false);
  }

  /** The refusal as the app sees it (same message and OAuth error), marked as a spent rotation. */
  public static ProviderException mark(ProviderException refusal) {
    return new ProviderException(
        refusal.getMessage(), new RotationRefused(refusal), refusal.error().orElse(null));
  }

  /** Whether a refresh's failure is a rotation the library refused. */
  public static boolean in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RotationRefused) {
        return true;
      }
    }
    return false;
  }
}
