/**
 * Where logins live: the {@link org.oauthdropins.store.AuthStore} SPI and its implementations in
 * core, {@link org.oauthdropins.store.JdbcStore} (an embedded H2 file database by default,
 * PostgreSQL in production) and {@link org.oauthdropins.store.MemoryStore} (tests).
 *
 * <p>A store keeps three things: stored logins ({@link org.oauthdropins.store.AuthRecord}) by key,
 * short-lived pending logins between start and callback ({@link
 * org.oauthdropins.store.PendingLogin}, single use and expiring), and per-instance app
 * registrations ({@link org.oauthdropins.store.AppRegistration}, Mastodon and Pixelfed). Nothing a
 * login needs between start and callback is kept in memory, so servers sharing a store can finish
 * each other's logins. One contract test suite runs against every implementation, including the
 * Datastore store of {@code oauth-dropins-datastore}.
 */
package org.oauthdropins.store;
