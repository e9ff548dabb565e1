/**
 * Okta login, at one authorization server of an Okta org: the site's factory (OpenID Connect by
 * discovery, with PKCE, on the OAuth 2 engine) and its {@link org.oauthdropins.AuthEntity}
 * subclass.
 */
package org.oauthdropins.sites.okta;
