/**
 * Bluesky login: atproto OAuth through the parts in {@link org.oauthdropins.oauth2.atproto}, the
 * legacy app-password login, and the {@link org.oauthdropins.bluesky.BlueskyAuth} entity with the
 * site's typed accessors.
 *
 * <p>One concern per file: {@link org.oauthdropins.bluesky.Bluesky} is the site and its builder;
 * {@code AtprotoOAuth} the OAuth client (the pushed request, the DPoP-bound token calls and the
 * callback's checks) with {@code PendingOAuthLogin} what it keeps between start and callback;
 * {@code AppPasswordSession} the createSession/refreshSession login; {@code Pds} the Bluesky
 * profile from the user's PDS. Start, callback, state and storage are in {@link
 * org.oauthdropins.Start} and {@link org.oauthdropins.Callback}, the same for every site.
 */
package org.oauthdropins.bluesky;
