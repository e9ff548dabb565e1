/**
 * What Meta's logins share (the Instagram and Threads sites): Meta's token conventions, as one
 * builder both sites start from, and the long-lived token exchange and renewal, as one {@link
 * org.oauthdropins.engine.oauth2.TokenLifecycle} of the OAuth 2 engine.
 */
package org.oauthdropins.sites.meta;
