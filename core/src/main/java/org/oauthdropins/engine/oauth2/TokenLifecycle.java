package org.oauthdropins.engine.oauth2;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.store.AuthRecord;

/**
 * What happens to a site's tokens after the authorization code is redeemed and when a stored login
 * is due: by default ({@link #STANDARD}) the code's token is kept and renewed with its refresh
 * token (RFC 6749 §6). A site that swaps the first token for a long-lived one and renews that token
 * itself (Meta's, in {@code org.oauthdropins.sites.meta}) has its own.
 */
public interface TokenLifecycle {

  /** RFC 6749: the code's token is kept; a refresh token, if any, renews it. */
  TokenLifecycle STANDARD = refreshingWith(RefreshRequest.STANDARD);

  /**
   * How a site asks for a new token with a stored refresh token. Most sites ask as RFC 6749 §6 says
   * ({@link #STANDARD}); a few ask at another endpoint (Figma) or name the app their own way
   * (TikTok's {@code client_key}), and change only this.
   */
  @FunctionalInterface
  interface RefreshRequest {

    /** RFC 6749 §6: {@code grant_type=refresh_token} at the token endpoint. */
    RefreshRequest STANDARD = (refreshToken, tokens) -> tokens.refresh(refreshToken);

    /**
     * Sends the request and reads its answer.
     *
     * @param refreshToken the stored refresh token, never null
     * @param tokens the site's token client, authenticated as at the code exchange
     */
    TokenResponse send(String refreshToken, TokenClient tokens);
  }

  /**
   * The standard lifecycle with the site's own refresh request: the code's token is kept, and a
   * login with a refresh token is renewed by {@code request}; one without is not renewed. For a
   * site whose tokens differ from RFC 6749 only in how a refresh is asked for, so that it states
   * that difference and nothing else.
   */
  static TokenLifecycle refreshingWith(RefreshRequest request) {
    Objects.requireNonNull(request, "request");
    return new TokenLifecycle() {
      @Override
      public String code(String code) {
        return code;
      }

      @Override
      public TokenResponse afterExchange(TokenResponse first, TokenClient tokens) {
        return first;
      }

      @Override
      public Optional<TokenResponse> refresh(AuthRecord record, TokenClient tokens) {
        return record.refreshToken() == null
            ? Optional.empty()
            : Optional.of(request.send(record.refreshToken(), tokens));
      }

      @Override
      public String toString() {
        return request == RefreshRequest.STANDARD
            ? "TokenLifecycle.STANDARD"
            : "TokenLifecycle.refreshingWith(" + request + ")";
      }
    };
  }

  /**
   * The code to redeem, from the one the callback carried: the same, unless the site adds something
   * to it that is not part of it.
   *
   * @return the code, blank if nothing of it remains
   */
  String code(String code);

  /**
   * The token the login keeps, from the code exchange's answer.
   *
   * @param first the token endpoint's answer to the code
   * @param tokens the site's token client, for further requests
   */
  TokenResponse afterExchange(TokenResponse first, TokenClient tokens);

  /**
   * The answer that renews a stored login's token, or empty if it cannot be renewed. A missing
   * refresh token in the answer leaves the stored one in place ({@link TokenResponse#refreshed}).
   */
  Optional<TokenResponse> refresh(AuthRecord record, TokenClient tokens);

  /**
   * How much earlier than the site says the stored expiry is set (at most half the token's life),
   * for a token that can be renewed only while it is still valid; zero by default.
   */
  default Duration renewMargin() {
    return Duration.ZERO;
  }
}
