/**
 * Amazon Cognito login, at one user pool: the site's factory (OpenID Connect by discovery, with
 * PKCE, on the OAuth 2 engine) and its {@link org.oauthdropins.AuthEntity} subclass.
 */
package org.oauthdropins.sites.cognito;
