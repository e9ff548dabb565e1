/**
 * Mastodon login: the site's factory ({@link org.oauthdropins.sites.mastodon.Mastodon}, a
 * Mastodon-API server as the OAuth 2 pipeline runs it with the parts in {@link
 * org.oauthdropins.engine.oauth2.instances}) and its {@link org.oauthdropins.AuthEntity} subclass
 * with the site's typed accessors.
 *
 * <p>Like every site package, it holds data and small quirks only: the protocol runs in the engine,
 * and start, callback, state and storage in {@link org.oauthdropins.Start} and {@link
 * org.oauthdropins.Callback}, the same for every site.
 */
package org.oauthdropins.sites.mastodon;
