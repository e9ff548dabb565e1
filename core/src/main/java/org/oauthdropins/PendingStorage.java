package org.oauthdropins;

/**
 * Where a login waits between its start and its callback: the state nonce, the PKCE verifier, the
 * instance or PDS it started with, a DPoP key. Both ways keep a callback single use (the state is
 * spent in the same store write that stores the login), bound to the browser and the site, and
 * finishable by any server of a fleet; they differ in what a start costs. {@link Start} and {@link
 * Callback} of one site must agree, which {@link Mount.Builder#pendingLogins} sees to.
 */
public enum PendingStorage {

  /**
   * Sealed (AES-256-GCM under the store's {@link org.oauthdropins.store.AuthStore#keyRing() key
   * ring}) in a cookie of its own per login: a start writes nothing to the store, so a crowd of
   * anonymous starts costs no database work and fills nothing, and every server that shares the
   * ring finishes the logins of the others. The default.
   */
  IN_COOKIE,

  /**
   * In the store's {@link org.oauthdropins.store.PendingLogins}, written at the start and taken at
   * the callback: for an app whose store has no key ring, or that wants a pending login to stay on
   * the server (e.g. to count or end the logins in flight).
   */
  IN_STORE
}
