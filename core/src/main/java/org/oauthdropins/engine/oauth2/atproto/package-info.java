/**
 * atproto OAuth (atproto specs "OAuth") as parts of the OAuth 2 pipeline, for any atproto server:
 * {@link org.oauthdropins.engine.oauth2.atproto.IdentityChain} finds a login's authorization server
 * from the handle or DID the user typed (handle, DID, DID document, PDS, protected resource
 * metadata, authorization server metadata; {@code Handles}, {@code UserUrls} and {@code Resolver}
 * check and walk it, {@link org.oauthdropins.engine.oauth2.atproto.TxtResolver} answers the DNS
 * step); {@link org.oauthdropins.engine.oauth2.atproto.ClientMetadata} is the app as a public
 * client named by its client metadata URL; {@link
 * org.oauthdropins.engine.oauth2.atproto.AtprotoIdentity} accepts only a DPoP-bound token for the
 * account that started, with the {@code atproto} scope. {@link
 * org.oauthdropins.engine.oauth2.atproto.AtprotoHttp} is how calls to the servers a handle led to
 * are sent and read. Every URL the user's input leads to goes through the transport the site gives,
 * which is its SSRF guard. A site (Bluesky) adds its profile and its own logins.
 */
package org.oauthdropins.engine.oauth2.atproto;
