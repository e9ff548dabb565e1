/**
 * VK ID login: the site's factory (VK ID's OAuth 2.1 on the OAuth 2 engine, with the {@code
 * device_id} its callback names sent back with every token request) and its {@link
 * org.oauthdropins.AuthEntity} subclass with the site's typed accessors.
 *
 * <p>Like every site package, it holds data and small quirks only: the protocol runs in the engine,
 * and start, callback, state and storage in {@link org.oauthdropins.Start} and {@link
 * org.oauthdropins.Callback}, the same for every site.
 */
package org.oauthdropins.sites.vkid;
