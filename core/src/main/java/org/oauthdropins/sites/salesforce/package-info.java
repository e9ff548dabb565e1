/**
 * Salesforce login: the site's factory (OpenID Connect with PKCE on the OAuth 2 engine, at
 * login.salesforce.com, a sandbox or an org's My Domain) and its {@link
 * org.oauthdropins.AuthEntity} subclass.
 */
package org.oauthdropins.sites.salesforce;
