/**
 * Not API: sealing at rest, written once for every store. Decorators of the store's concerns
 * ({@link org.oauthdropins.internal.seal.SealedLogins}, {@link
 * org.oauthdropins.internal.seal.SealedPendingLogins}, {@link
 * org.oauthdropins.internal.seal.SealedRegistrations}) seal each secret under the key ring on the
 * way in and open it on the way out, bound to its row and field; {@link
 * org.oauthdropins.internal.seal.KeyCheck} checks at first use that the ring is the one that sealed
 * the store; {@link org.oauthdropins.internal.seal.Sealed} puts them over a store's raw concerns
 * and re-seals. The types are public because the stores of other modules (Datastore) wrap their raw
 * concerns with them too.
 */
package org.oauthdropins.internal.seal;
