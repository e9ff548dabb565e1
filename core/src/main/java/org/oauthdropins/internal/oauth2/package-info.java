/**
 * Not API: the OAuth 2 code flow's parts that several engines share (PKCE, the authorization
 * request and response, the token endpoint client). Sites are defined with {@code
 * org.oauthdropins.engine.oauth2.OAuth2Site}.
 */
package org.oauthdropins.internal.oauth2;
