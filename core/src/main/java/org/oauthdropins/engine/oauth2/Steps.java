package org.oauthdropins.engine.oauth2;

import java.util.Objects;

/**
 * Which optional steps of the authorization code flow a site runs. The pipeline runs each step the
 * same way for every site; a site only says whether.
 *
 * @param pkce PKCE S256 (RFC 7636); on unless a site is known to reject it
 * @param nonce an OpenID Connect nonce, checked by the site's token check
 * @param formPost {@code response_mode=form_post}: the answer is POSTed to the callback
 * @param par pushed authorization requests (RFC 9126)
 * @param dpop DPoP-bound tokens (RFC 9449), with the server's nonce; API calls and refresh of the
 *     stored login sign with the login's key
 */
public record Steps(boolean pkce, boolean nonce, boolean formPost, When par, When dpop) {

  /** When a step runs. */
  public enum When {
    /** Never, even if the server asks: the site is known not to support it. */
    NEVER,
    /**
     * When the server says it requires it: for PAR, its metadata's {@code
     * require_pushed_authorization_requests}; for DPoP, a code exchange refused for want of a
     * proof.
     */
    IF_REQUIRED,
    /** Always: the app or the site's protocol asks for it. */
    ALWAYS
  }

  /** PKCE and nothing else, what a plain OAuth 2 site runs. */
  public static final Steps DEFAULT = new Steps(true, false, false, When.NEVER, When.NEVER);

  /** Makes the value, checking its components. */
  public Steps {
    Objects.requireNonNull(par, "par");
    Objects.requireNonNull(dpop, "dpop");
  }
}
