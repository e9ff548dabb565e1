/**
 * The OAuth 1.0a engine (RFC 5849) for Flickr, Tumblr and Twitter: the HMAC-SHA1 signer ({@link
 * org.oauthdropins.engine.oauth1.OAuth1Signer}), the request token, authorize and access token legs
 * ({@link org.oauthdropins.engine.oauth1.OAuth1Site}), and signed API calls with a stored token and
 * secret ({@link org.oauthdropins.engine.oauth1.OAuth1Auth}).
 *
 * <p>The request token's secret lives in the store's pending login between the legs, never in
 * process memory, so any server of a fleet can finish a login another started.
 */
package org.oauthdropins.engine.oauth1;
