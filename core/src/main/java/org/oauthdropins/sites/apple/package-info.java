/**
 * Sign in with Apple: the site's factory (an OpenID Connect definition on the OAuth 2 engine), the
 * client secret it signs, and its {@link org.oauthdropins.AuthEntity} subclass.
 *
 * <p>Like every site package, it holds data and small quirks only: the protocol runs in the engine,
 * and start, callback, state and storage in {@link org.oauthdropins.Start} and {@link
 * org.oauthdropins.Callback}, the same for every site.
 */
package org.oauthdropins.sites.apple;
