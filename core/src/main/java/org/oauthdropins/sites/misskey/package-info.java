/**
 * Misskey login: the site's factory (a MiAuth ({@link org.oauthdropins.engine.miauth.MiAuthSite})
 * definition) and its {@link org.oauthdropins.AuthEntity} subclass with the site's typed accessors.
 */
package org.oauthdropins.sites.misskey;
