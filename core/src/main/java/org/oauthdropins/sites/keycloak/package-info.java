/**
 * Keycloak login, at one realm of a self-hosted Keycloak: the site's factory (OpenID Connect with
 * PKCE on the OAuth 2 engine) and its {@link org.oauthdropins.AuthEntity} subclass. An app may
 * offer several realms, each as a site of its own name: see {@link
 * org.oauthdropins.sites.keycloak.Keycloak#create(String, org.oauthdropins.SiteOptions)}.
 */
package org.oauthdropins.sites.keycloak;
