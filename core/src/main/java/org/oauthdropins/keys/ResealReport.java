package org.oauthdropins.keys;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What re-sealing a store did ({@code AuthStore.reseal()}): the second step of a key rotation,
 * after a new key was put first in the ring. An operator reads it to know whether the old keys may
 * go.
 *
 * @param resealed stored logins and app registrations sealed again under the ring's first key (they
 *     were plaintext, from before sealing, or sealed under an older key)
 * @param current those already sealed under the first key (or kept plain by the store's rule, as
 *     the Datastore store keeps the kinds the Python library reads), left as they were
 * @param unreadable per key id, the rows whose values the ring cannot open (the key is missing or
 *     another key has its id): never rewritten nor deleted, so that the right key can still open
 *     them once it is back in the ring
 * @param retired the ids of the ring's keys that no stored login or registration needs any more
 *     (all but the first key and the keys of unreadable rows): these may be dropped from the ring
 *     ({@link KeyRing#without}) once the pending logins sealed under them have expired (minutes)
 */
public record ResealReport(
    long resealed, long current, Map<Integer, Long> unreadable, List<Integer> retired) {

  /** Makes the value, copying the collections. */
  public ResealReport {
    unreadable = Map.copyOf(new TreeMap<>(unreadable));
    retired = List.copyOf(retired);
  }

  /** Whether every row opens and is sealed under the first key now. */
  public boolean complete() {
    return unreadable.isEmpty();
  }

  /** The rows that could not be opened, under all keys. */
  public long unreadableTotal() {
    return unreadable.values().stream().mapToLong(Long::longValue).sum();
  }
}
