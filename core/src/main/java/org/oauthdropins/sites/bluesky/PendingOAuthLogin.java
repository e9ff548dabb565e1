package org.oauthdropins.sites.bluesky;

import java.net.URI;
import java.util.Objects;

/**
 * What an atproto OAuth callback needs from the start of its login, kept in the store through
 * {@link org.oauthdropins.internal.PendingData} (under the keys the stores have always used: {@code
 * did}, {@code pds}, {@code issuer}, {@code token_endpoint}, {@code client_id}, {@code
 * code_verifier}, {@code dpop_key}, {@code handle}).
 *
 * @param did the account the login started with; the token's {@code sub} must be it
 * @param pds the account's PDS
 * @param issuer the authorization server, which the callback's {@code iss} must name
 * @param tokenEndpoint the authorization server's token endpoint
 * @param clientId the client_id the authorization request used
 * @param codeVerifier the PKCE verifier
 * @param dpopKey the login's private DPoP key, as a JWK
 * @param handle the handle the DID document claims, or null
 */
record PendingOAuthLogin(
    String did,
    URI pds,
    String issuer,
    URI tokenEndpoint,
    String clientId,
    String codeVerifier,
    String dpopKey,
    String handle) {

  /** Makes the value; all but the handle are required. */
  PendingOAuthLogin {
    Objects.requireNonNull(did, "did");
    Objects.requireNonNull(pds, "pds");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
    Objects.requireNonNull(dpopKey, "dpopKey");
  }

  @Override
  public String toString() {
    // The verifier and the private key are secrets: the account and servers only.
    return "PendingOAuthLogin[did=" + did + ", pds=" + pds + ", issuer=" + issuer + "]";
  }
}
