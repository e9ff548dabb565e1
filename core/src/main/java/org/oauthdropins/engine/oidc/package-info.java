/**
 * OpenID Connect on the OAuth 2.0 engine: discovery of a provider's endpoints, its JWKS, and the ID
 * token checks ({@code iss}, {@code aud}, {@code nonce}, signature, expiry) that make the token the
 * identity.
 *
 * <p>{@link org.oauthdropins.engine.oidc.Oidc#create} turns any provider with a discovery document into a
 * site with no code; Google sign-in, Blogger and LinkedIn are definitions on the same pieces.
 */
package org.oauthdropins.engine.oidc;
