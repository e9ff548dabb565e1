/**
 * Where logins live: the store SPI, one narrow interface per concern, and its implementations in
 * core, {@link org.oauthdropins.store.jdbc.JdbcStore} (an embedded H2 file database by default,
 * PostgreSQL in production) and {@link org.oauthdropins.store.memory.MemoryStore} (tests).
 *
 * <p>A store keeps four things: stored logins ({@link org.oauthdropins.store.LoginStore} of {@link
 * org.oauthdropins.store.AuthRecord}s by key), short-lived pending logins between start and
 * callback ({@link org.oauthdropins.store.PendingLogins}, single use and expiring), per-instance
 * app registrations ({@link org.oauthdropins.store.AppRegistrations}, Mastodon, Pixelfed, Misskey),
 * and refresh leases ({@link org.oauthdropins.store.RefreshLeases}, so that a fleet spends a
 * single-use refresh token once). {@link org.oauthdropins.store.AuthStore} is the four on one
 * backend. Nothing a login needs between start and callback is kept in memory, so servers sharing a
 * store can finish each other's logins. Each concern has one contract test suite that runs against
 * every implementation, including the Datastore store of {@code oauth-dropins-datastore}.
 */
package org.oauthdropins.store;
