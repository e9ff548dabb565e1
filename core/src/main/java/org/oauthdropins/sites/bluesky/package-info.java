/**
 * Bluesky login: atproto OAuth, which is the one OAuth 2 pipeline ({@link
 * org.oauthdropins.engine.oauth2.CodeFlowPipeline}) run with the atproto parts of {@link
 * org.oauthdropins.engine.oauth2.atproto} and PAR and DPoP always on; the legacy app-password login; and
 * the {@link org.oauthdropins.sites.bluesky.BlueskyAuth} entity with the site's typed accessors.
 *
 * <p>One concern per file: {@link org.oauthdropins.sites.bluesky.Bluesky} is the site, its builder and
 * the description it gives the pipeline; {@code AppPasswordSession} the createSession and
 * refreshSession login; {@code Pds} the Bluesky profile from the user's PDS, which both logins
 * store. Start, callback, state and storage are in {@link org.oauthdropins.Start} and {@link
 * org.oauthdropins.Callback}, the same for every site.
 */
package org.oauthdropins.sites.bluesky;
