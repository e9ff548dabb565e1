/**
 * Mastodon login: the site's factory and its {@link org.oauthdropins.AuthEntity} subclass with the
 * site's typed accessors, and the parts with which the OAuth 2 pipeline ({@link
 * org.oauthdropins.engine.oauth2.CodeFlowPipeline}) runs any Mastodon-API server ({@link
 * org.oauthdropins.sites.mastodon.InstanceSite}, shared with Pixelfed and the fediverse site): the
 * instance the user names, the app's registration there, made once and kept in the store, and the
 * account.
 *
 * <p>Like every site package, it holds data and small quirks only: the protocol runs in the engine,
 * and start, callback, state and storage in {@link org.oauthdropins.Start} and {@link
 * org.oauthdropins.Callback}, the same for every site.
 */
package org.oauthdropins.sites.mastodon;
