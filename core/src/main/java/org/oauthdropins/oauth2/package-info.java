/**
 * The OAuth 2.0 engine (RFC 6749) that most sites are a definition on: {@link
 * org.oauthdropins.oauth2.OAuth2Site} and its builder.
 *
 * <p>It runs the authorization code flow with PKCE S256 (RFC 7636) where the provider accepts it,
 * RFC 9207 {@code iss} checks where the server declares them, client authentication by HTTP Basic
 * or in the body ({@link org.oauthdropins.oauth2.ClientAuth}), the token request and its answer
 * ({@link org.oauthdropins.oauth2.TokenClient}, {@link org.oauthdropins.oauth2.TokenResponse}), the
 * profile request, and refresh. A protocol feature that two sites need is a builder setting here,
 * never code copied into both sites.
 */
package org.oauthdropins.oauth2;
