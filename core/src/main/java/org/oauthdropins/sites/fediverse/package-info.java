/**
 * "Sign in with the fediverse": one site for every instance the user may name, which probes the
 * instance's NodeInfo and runs the flow of the software it finds (Mastodon, Pixelfed, GoToSocial,
 * Akkoma and Pleroma through the OAuth 2 pipeline with the Mastodon-API parts, Misskey and its
 * forks through MiAuth).
 *
 * <p>Like every site package, it holds data and small quirks only: the protocols run in the
 * engines, and start, callback, state and storage in {@link org.oauthdropins.Start} and {@link
 * org.oauthdropins.Callback}, the same for every site.
 */
package org.oauthdropins.sites.fediverse;
