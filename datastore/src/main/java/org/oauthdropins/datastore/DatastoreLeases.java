package org.oauthdropins.datastore;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import java.time.Duration;
import java.time.Instant;
import org.oauthdropins.store.RefreshLeases;

/** {@link DatastoreStore}'s refresh leases: one Java-only entity per login, Python ignores them. */
final class DatastoreLeases implements RefreshLeases {

  private final Backend b;

  DatastoreLeases(Backend b) {
    this.b = b;
  }

  private Key leaseKey(org.oauthdropins.store.Key key) {
    return b.key(PythonKinds.LEASE_KIND, key.kind() + " " + key.id());
  }

  @Override
  public boolean lease(org.oauthdropins.store.Key key, String holder, Duration ttl) {
    Key k = leaseKey(key);
    Instant now = b.clock.instant();
    // The transaction makes read-and-claim one step: of two claimants, one commit aborts, and its
    // retry then sees the other's lease.
    return b.inTransaction(
        tx -> {
          Entity old = tx.get(k);
          if (old != null
              && !holder.equals(old.getString("holder"))
              && now.isBefore(EntityMapper.instant(old.getTimestamp("lease_until")))) {
            return false;
          }
          // Taken over or extended, the record of spending stays.
          Entity.Builder mine =
              (old == null ? Entity.newBuilder(k) : Entity.newBuilder(old))
                  .set("holder", EntityMapper.string(holder, false))
                  .set("lease_until", EntityMapper.timestamp(now.plus(ttl)));
          tx.put(mine.build());
          return true;
        });
  }

  @Override
  public boolean startSpending(org.oauthdropins.store.Key key, String holder, String token) {
    Key k = leaseKey(key);
    return b.inTransaction(
        tx -> {
          Entity old = tx.get(k);
          if (old == null
              || !holder.equals(old.getString("holder"))
              || (old.contains("spending") && token.equals(old.getString("spending")))) {
            return false;
          }
          tx.put(Entity.newBuilder(old).set("spending", EntityMapper.string(token, false)).build());
          return true;
        });
  }

  @Override
  public void release(org.oauthdropins.store.Key key, String holder) {
    Key k = leaseKey(key);
    b.inTransaction(
        tx -> {
          Entity old = tx.get(k);
          if (old != null && holder.equals(old.getString("holder"))) {
            tx.delete(k);
          }
          return null;
        });
  }
}
