/**
 * Sign In With Yahoo: the site's factory (OpenID Connect on the OAuth 2 engine) and its {@link
 * org.oauthdropins.AuthEntity} subclass.
 */
package org.oauthdropins.sites.yahoo;
