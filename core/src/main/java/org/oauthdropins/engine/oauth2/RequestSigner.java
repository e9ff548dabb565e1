package org.oauthdropins.engine.oauth2;

import org.oauthdropins.http.HttpCall;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;

/**
 * Adds a stored login's credentials to an API call, wherever the site reads them: an {@code
 * Authorization: Bearer} header for almost every OAuth 2 site ({@link #BEARER}), query parameters
 * for Disqus.
 */
@FunctionalInterface
public interface RequestSigner {

  /** {@code Authorization: Bearer <token>} (RFC 6750 §2.1), the default. */
  RequestSigner BEARER = RequestSigner::bearer;

  /**
   * The call with the login's credentials added.
   *
   * @throws IllegalStateException if the record holds no credentials this signer can use
   */
  HttpCall sign(HttpCall call, AuthRecord record);

  private static HttpCall bearer(HttpCall call, AuthRecord record) {
    if (!(record.token() instanceof AccessToken.Bearer b)) {
      throw new IllegalStateException("no bearer token stored for " + record.key());
    }
    return ProfileLoader.bearer(call, b.value());
  }
}
