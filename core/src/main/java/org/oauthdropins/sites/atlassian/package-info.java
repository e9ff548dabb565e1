/**
 * Atlassian account login (OAuth 2.0 3LO apps): the site's factory and its {@link
 * org.oauthdropins.AuthEntity} subclass.
 */
package org.oauthdropins.sites.atlassian;
