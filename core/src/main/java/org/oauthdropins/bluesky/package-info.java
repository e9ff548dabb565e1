/**
 * Bluesky login: the site's factory (a atproto OAuth (PAR, PKCE, DPoP) definition on one of the
 * protocol engines) and its {@link org.oauthdropins.AuthEntity} subclass with the site's typed
 * accessors. The handle the user types is resolved to a DID and its PDS through the SSRF guard;
 * app-password logins are here too.
 *
 * <p>Like every site package, it holds data and small quirks only: the protocol runs in the engine,
 * and start, callback, state and storage in {@link org.oauthdropins.Start} and {@link
 * org.oauthdropins.Callback}, the same for every site.
 */
package org.oauthdropins.bluesky;
