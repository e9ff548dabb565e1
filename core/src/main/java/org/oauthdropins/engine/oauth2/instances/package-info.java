/**
 * The OAuth 2 pipeline's parts for servers that speak the Mastodon API (Mastodon, Pixelfed, the
 * fediverse site's softwares): the instance the user names ({@code InstanceServer}, a server
 * source), the app's registration there, made once per instance and kept in the store under a
 * budget ({@code Registrations}, a client source), and the account the token is for ({@code
 * VerifyCredentials}, an identity). {@link org.oauthdropins.engine.oauth2.instances.InstanceSite}
 * builds a site of one such software from them; the sites themselves are data in {@code
 * org.oauthdropins.sites}.
 */
package org.oauthdropins.engine.oauth2.instances;
