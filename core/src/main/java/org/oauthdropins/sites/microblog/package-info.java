/**
 * micro.blog login: the site's factory (IndieAuth with micro.blog's button); its logins are {@link
 * org.oauthdropins.sites.indieauth.IndieAuth} entities.
 *
 * <p>Like every site package, it holds data and small quirks only: the protocol runs in the engine,
 * and start, callback, state and storage in {@link org.oauthdropins.Start} and {@link
 * org.oauthdropins.Callback}, the same for every site.
 */
package org.oauthdropins.sites.microblog;
