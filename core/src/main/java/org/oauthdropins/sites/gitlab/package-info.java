/**
 * GitLab login, on gitlab.com or a self-managed instance: the site's factory (OpenID Connect with
 * PKCE on the OAuth 2 engine) and its {@link org.oauthdropins.AuthEntity} subclass. An app may
 * offer several GitLab instances, each as a site of its own name: see {@link
 * org.oauthdropins.sites.gitlab.GitLab#create(String, org.oauthdropins.SiteOptions)}.
 */
package org.oauthdropins.sites.gitlab;
