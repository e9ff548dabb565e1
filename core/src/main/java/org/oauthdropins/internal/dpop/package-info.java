/**
 * Not API. DPoP (RFC 9449): proof-of-possession keys and proofs, and a transport that signs each
 * request and retries once with the nonce a server asks for. Bluesky's OAuth needs it; the key is
 * stored with the login so that later API calls and refreshes prove the same key.
 */
package org.oauthdropins.internal.dpop;
