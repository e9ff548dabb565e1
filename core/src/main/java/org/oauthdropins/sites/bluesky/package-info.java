/**
 * Bluesky login, an engine of its own: atproto OAuth (PAR, PKCE, DPoP) and the legacy app-password
 * login, and the {@link org.oauthdropins.sites.bluesky.BlueskyAuth} entity with the site's typed
 * accessors. The handle the user types is resolved to a DID and its PDS through the SSRF guard.
 *
 * <p>One concern per file: {@link org.oauthdropins.sites.bluesky.Bluesky} is the site and its builder;
 * {@code AtprotoOAuth} the OAuth client (the pushed request, the DPoP-bound token calls and the
 * callback's checks) with {@code PendingOAuthLogin} what it keeps between start and callback;
 * {@code AppPasswordSession} the createSession/refreshSession login; {@code ClientMetadata} how the
 * app names itself to atproto servers; {@code Pds} the profile calls to the user's PDS; {@code
 * Resolver} and {@code Handles} the handle to DID to PDS to authorization server resolution. Start,
 * callback, state and storage are in {@link org.oauthdropins.Start} and {@link
 * org.oauthdropins.Callback}, the same for every site.
 */
package org.oauthdropins.sites.bluesky;
