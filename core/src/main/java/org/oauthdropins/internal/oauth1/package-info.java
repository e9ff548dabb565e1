/**
 * Not API: the RFC 5849 signature, a signing HTTP client and the OAuth 1 parameter names. Sites are
 * defined with {@code org.oauthdropins.engine.oauth1.OAuth1Site}.
 */
package org.oauthdropins.internal.oauth1;
