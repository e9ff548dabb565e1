package org.oauthdropins.engine.oauth2;

import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.store.AuthRecord;

/**
 * Refuses a token response that was not issued for this login of this app, before anything in it is
 * believed or the profile is fetched: an OpenID Connect ID token's signature, issuer, audience,
 * expiry and nonce; and a refresh answer about another user or authentication than the stored
 * login's, before its tokens are stored.
 */
@FunctionalInterface
public interface TokenCheck {

  /**
   * Accepts the response by returning, refuses it by throwing.
   *
   * @param token the token response of the code exchange
   * @param nonce the nonce this login sent, or null if the site sends none
   * @throws org.oauthdropins.errors.ProviderException if the provider's answer is not for this app
   * @throws org.oauthdropins.errors.BadRequestException if the pending login lacks what the check
   *     needs
   */
  void check(TokenResponse token, String nonce);

  /**
   * {@link #check(TokenResponse, String)} within a browser request's time budget: a check that
   * fetches (a provider's signing keys) sends within it.
   */
  default void check(TokenResponse token, String nonce, FetchBudget budget) {
    check(token, nonce);
  }

  /**
   * Accepts a refresh answer for a stored login by returning, refuses it by throwing; the store
   * then keeps the tokens it had. Accepts every answer unless a site says otherwise: OpenID Connect
   * refuses a refreshed ID token about another authentication than the login's (Core §12.2).
   *
   * @param token the token endpoint's answer to the refresh
   * @param record the stored login being refreshed
   * @throws org.oauthdropins.errors.ProviderException if the answer is not about the stored login
   */
  default void checkRefresh(TokenResponse token, AuthRecord record) {}
}
