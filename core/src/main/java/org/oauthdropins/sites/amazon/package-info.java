/**
 * Login with Amazon: the site's factory (OAuth 2.0 with PKCE on the OAuth 2 engine) and its {@link
 * org.oauthdropins.AuthEntity} subclass.
 */
package org.oauthdropins.sites.amazon;
