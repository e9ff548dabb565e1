package org.oauthdropins.oauth2;

/**
 * Refuses a token response that was not issued for this login of this app, before anything in it is
 * believed or the profile is fetched: an OpenID Connect ID token's signature, issuer, audience,
 * expiry and nonce.
 */
@FunctionalInterface
public interface TokenCheck {

  /**
   * Accepts the response by returning, refuses it by throwing.
   *
   * @param token the token response of the code exchange
   * @param nonce the nonce this login sent, or null if the site sends none
   * @throws org.oauthdropins.ProviderException if the provider's answer is not for this app
   * @throws org.oauthdropins.BadRequestException if the pending login lacks what the check needs
   */
  void check(TokenResponse token, String nonce);
}
