/**
 * What the sites of identity platforms with tenants share (Keycloak, Okta, Auth0, Cognito): a
 * package of its own, below the sites that use it, so that the list of all sites ({@code
 * org.oauthdropins.sites.Sites}) and the sites do not need each other.
 */
package org.oauthdropins.sites.tenant;
