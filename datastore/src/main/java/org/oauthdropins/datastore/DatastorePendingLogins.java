package org.oauthdropins.datastore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.EntityQuery;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.PendingLogins;

/**
 * {@link DatastoreStore}'s pending logins: {@code OAuthDropinsPendingLogin} entities, swept as they
 * expire (a Datastore TTL policy on their {@code expires_at} property removes stragglers too).
 */
final class DatastorePendingLogins implements PendingLogins {

  /** Writes of pending logins between two sweeps of expired ones. */
  private static final int SWEEP_EVERY = 16;

  private final Backend b;
  private final AtomicLong pendingWrites = new AtomicLong();

  DatastorePendingLogins(Backend b) {
    this.b = b;
  }

  private Key pendingKey(String id) {
    return b.key(PythonKinds.PENDING_KIND, PythonKinds.escape(id));
  }

  @Override
  public void put(PendingLogin login) {
    Entity.Builder e =
        Entity.newBuilder(pendingKey(login.id()))
            .set("site", login.site())
            // Indexed: the per-browser cap finds a browser's logins by it.
            .set("browser_hash", EntityMapper.string(login.browserHash(), true))
            .set("redirect_uri", EntityMapper.string(login.redirectUri(), false))
            .set("data_json", EntityMapper.string(Json.write(login.data()), false))
            .set("expires_at", EntityMapper.timestamp(login.expiresAt()));
    if (login.appState() != null) {
      e.set("app_state", EntityMapper.string(login.appState(), false));
    }
    Backend.call(() -> b.datastore.put(e.build()));
    capBrowser(login.browserHash());
    // Expired logins are swept now and then on the write path, so no background job is needed.
    if (pendingWrites.getAndIncrement() % SWEEP_EVERY == 0) {
      b.deleteBefore(PythonKinds.PENDING_KIND, "expires_at", 200);
    }
  }

  /** Keeps a browser's newest {@link #PER_BROWSER} pending logins and drops the rest. */
  private void capBrowser(String browserHash) {
    EntityQuery q =
        Query.newEntityQueryBuilder()
            .setKind(PythonKinds.PENDING_KIND)
            .setFilter(PropertyFilter.eq("browser_hash", browserHash))
            .setLimit(4 * PER_BROWSER)
            .build();
    Backend.call(
        () -> {
          List<Entity> mine = new ArrayList<>();
          b.datastore.run(q).forEachRemaining(mine::add);
          if (mine.size() > PER_BROWSER) {
            // Newest first; sorted here, since a sort on another property than the filter's
            // would need a composite index that apps would have to deploy.
            mine.sort(Comparator.comparing((Entity x) -> x.getTimestamp("expires_at")).reversed());
            b.datastore.delete(
                mine.subList(PER_BROWSER, mine.size()).stream()
                    .map(Entity::getKey)
                    .toArray(Key[]::new));
          }
          return null;
        });
  }

  @Override
  public Optional<PendingLogin> take(String id) {
    Key k = pendingKey(id);
    Optional<PendingLogin> taken =
        b.inTransaction(
            tx -> {
              Entity e = tx.get(k);
              if (e == null) {
                return Optional.empty();
              }
              // The transaction decides the race: only one taker's delete commits.
              tx.delete(k);
              return Optional.of(
                  new PendingLogin(
                      id,
                      e.getString("site"),
                      e.getString("browser_hash"),
                      e.contains("app_state") ? e.getString("app_state") : null,
                      e.getString("redirect_uri"),
                      Json.read(
                          e.getString("data_json"), new TypeReference<Map<String, String>>() {}),
                      EntityMapper.instant(e.getTimestamp("expires_at"))));
            });
    return taken.filter(p -> b.clock.instant().isBefore(p.expiresAt()));
  }
}
