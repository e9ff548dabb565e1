package org.oauthdropins.datastore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.EntityQuery;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyQuery;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.QueryResults;
import com.google.cloud.datastore.StructuredQuery.OrderBy;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import com.google.cloud.datastore.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.seal.SealedRowGuard;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.LoginStore;

/**
 * {@link DatastoreStore}'s logins: the Python library's auth entities ({@code GitHubAuth} with
 * {@code access_token_str}, {@code user_json}...; see {@code PythonKinds} and {@code
 * EntityMapper}), and beside each a Java sidecar for what Python has no property for. It keeps what
 * it is given, the store's sealing decorator having sealed what it seals, except the sidecar's
 * secrets, which only Java reads and which it seals itself ({@link JavaOnlySecrets}).
 */
final class DatastoreLogins implements LoginStore, SealedRowGuard.Guarded {

  private final Backend b;
  private final DatastoreRegistrations apps;
  private final JavaOnlySecrets javaOnly;
  private final Predicate<String> sealsSite;
  private final SealedRowGuard guard;

  /**
   * @param sealsSite whether the store's sealing decorator seals a site's logins
   */
  DatastoreLogins(
      Backend b,
      DatastoreRegistrations apps,
      JavaOnlySecrets javaOnly,
      Predicate<String> sealsSite,
      SealedRowGuard guard) {
    this.b = b;
    this.guard = guard;
    this.apps = apps;
    this.javaOnly = javaOnly;
    this.sealsSite = sealsSite;
  }

  private Key key(org.oauthdropins.store.Key key) {
    return b.key(key.kind(), PythonKinds.escape(key.id()));
  }

  private Key sidecarKey(org.oauthdropins.store.Key key) {
    return b.key(PythonKinds.SIDECAR_KIND, key.kind() + " " + key.id());
  }

  /** The Python library's form, so that a Python app sharing this Datastore parses it too. */
  @Override
  public String urlsafe(org.oauthdropins.store.Key key) {
    return key.pythonUrlsafe(
        b.datastore.getOptions().getProjectId(), b.datastore.getOptions().getNamespace());
  }

  @Override
  public Optional<AuthRecord> get(org.oauthdropins.store.Key key) {
    return Backend.call(
        () -> {
          Map<Key, Entity> found = new HashMap<>();
          b.datastore
              .get(key(key), sidecarKey(key))
              .forEachRemaining(e -> found.put(e.getKey(), e));
          Entity e = found.get(key(key));
          return Optional.ofNullable(e).map(x -> read(key, x, found.get(sidecarKey(key))));
        });
  }

  private AuthRecord read(org.oauthdropins.store.Key key, Entity e, Entity side) {
    return read(key, e, side, Map.of());
  }

  /** As read, with the registration taken from {@code fetched} when it was read already. */
  private AuthRecord read(
      org.oauthdropins.store.Key key, Entity e, Entity side, Map<Key, Entity> fetched) {
    return EntityMapper.fromEntity(key, e, side, appOf(e, fetched));
  }

  /**
   * The registration a Mastodon or Pixelfed login's {@code app} names: Python keeps the login's
   * instance there only, and it is the client the login's tokens were issued to.
   */
  private Entity appOf(Entity e, Map<Key, Entity> fetched) {
    if (!e.contains("app") || e.getValue("app").getType() != ValueType.KEY) {
      return null;
    }
    Key app = e.getKey("app");
    return fetched.containsKey(app) ? fetched.get(app) : b.datastore.get(app);
  }

  /**
   * The registration a Mastodon or Pixelfed login used, for its Python {@code app} property: the
   * one with the login's client id where it names one, else this app's at the instance.
   */
  private Key appKeyOf(AuthRecord record) {
    if (!PythonKinds.APP_KINDS.containsKey(record.site())) {
      return null;
    }
    JsonNode extra = Json.parse(record.extraJson());
    String typed = Json.text(extra, "instance");
    if (typed == null) {
      return null;
    }
    String instance = PythonKinds.javaInstance(typed);
    String clientId = Json.text(extra, "client_id");
    return Backend.call(
        () ->
            (clientId == null
                    ? apps.mine(record.site(), instance)
                    : apps.withClientId(record.site(), instance, clientId))
                .map(Entity::getKey)
                .orElse(null));
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    return write(record, null, appKeyOf(record), null).orElseThrow();
  }

  @Override
  public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
    return write(fresh, spent, appKeyOf(fresh), null);
  }

  /** Writes of spent states between two sweeps of expired ones. */
  private static final int SWEEP_EVERY = 16;

  private final AtomicLong spentWrites = new AtomicLong();

  /** A state to spend in the transaction that writes a login. */
  private record Spend(String state, Instant until) {}

  /** The state's entity and the login in one transaction, which decides a race of two. */
  @Override
  /**
   * The callback's write in two round trips: one lookup, which begins the transaction ({@link
   * LazyBegin}) and reads the state, the login, its sidecar and what else the write needs (the
   * Python entity of the same user, the registration), and one commit; the guard's check of the
   * stored row runs in between, on the row this lookup read.
   */
  public Optional<AuthRecord> putSpendingState(AuthRecord record, String state, Instant until) {
    Optional<AuthRecord> written = write(record, null, appKeyOf(record), new Spend(state, until));
    sweepSpent();
    return written;
  }

  @Override
  public boolean spendState(String state, Instant until) {
    Spend s = new Spend(state, until);
    boolean first =
        b.inTransaction(
            tx -> {
              if (!spendable(tx.get(spentKey(s)))) {
                return false;
              }
              tx.put(spentEntity(s));
              return true;
            });
    sweepSpent();
    return first;
  }

  private Key spentKey(Spend s) {
    return b.key(PythonKinds.SPENT_STATE_KIND, PythonKinds.escape(s.state()));
  }

  /** Whether a state may be spent: it was not, or its spent entity outlived its expiry. */
  private boolean spendable(Entity there) {
    return there == null
        || !b.clock.instant().isBefore(EntityMapper.instant(there.getTimestamp("expires_at")));
  }

  private Entity spentEntity(Spend s) {
    return Entity.newBuilder(spentKey(s))
        .set("expires_at", EntityMapper.timestamp(s.until()))
        .build();
  }

  /** Expired spent states are swept now and then on the write path: no background job. */
  private void sweepSpent() {
    if (spentWrites.getAndIncrement() % SWEEP_EVERY == 0) {
      b.deleteBefore(PythonKinds.SPENT_STATE_KIND, "expires_at", 200);
    }
  }

  /**
   * Writes a record and its sidecar in one transaction, over the stored entity (so that Python's
   * properties that Java does not map stay); with {@code spent}, only while the stored tokens are
   * still those; with {@code spend}, only if that state was not spent already, spending it; with a
   * guard, only if the ring opens the stored row (so the sealing decorator need not read it first).
   * Everything the write reads, it reads in one lookup.
   */
  private Optional<AuthRecord> write(AuthRecord record, AuthRecord spent, Key appKey, Spend spend) {
    Key k = key(record.key());
    Key sk = sidecarKey(record.key());
    Key pythonKey = spent == null ? pythonKeyOfSameUser(record) : null;
    Set<Key> reads = new LinkedHashSet<>();
    reads.add(k);
    reads.add(sk);
    if (spend != null) {
      reads.add(spentKey(spend));
    }
    if (pythonKey != null) {
      reads.add(pythonKey);
    }
    if (appKey != null) {
      reads.add(appKey);
    }
    Instant now = b.clock.instant();
    return b.inTransaction(
        tx -> {
          Map<Key, Entity> found = new HashMap<>();
          tx.get(reads.toArray(Key[]::new)).forEachRemaining(e -> found.put(e.getKey(), e));
          Entity old = found.get(k);
          if (old != null && guard != null) {
            guard.requireOpens(read(record.key(), old, found.get(sk), found));
          }
          if (spend != null && !spendable(found.get(spentKey(spend)))) {
            return Optional.<AuthRecord>empty();
          }
          if (old == null && pythonKey != null) {
            old = sameUser(found.get(pythonKey), record);
          }
          if (spent != null
              && (old == null
                  || !javaOnly.sameTokens(read(record.key(), old, found.get(sk)), spent))) {
            return Optional.<AuthRecord>empty();
          }
          Instant created =
              old != null && old.contains(EntityMapper.CREATED)
                  ? EntityMapper.instant(old.getTimestamp(EntityMapper.CREATED))
                  : now;
          EntityMapper.Written w =
              EntityMapper.toEntity(k, sk, record, created, now, old, appKey, spent == null);
          Entity side = javaOnly.seal(record.key(), w.sidecar());
          if (spend != null) {
            tx.put(spentEntity(spend));
          }
          tx.put(w.main());
          if (side != null) {
            tx.put(side);
          } else if (found.containsKey(sk)) {
            tx.delete(sk);
          }
          // Returned as it reads back, so the caller sees what any later get sees.
          return Optional.of(read(record.key(), w.main(), side, found));
        });
  }

  /**
   * The key of the Python library's entity of the same user under the key Python gave it, when a
   * Java login first writes its own key ({@link PythonKinds#MOVED_KEYS}): the old key name that the
   * new login carries, read with the write's other entities; the entity is taken as the same user
   * only as the kind's rule allows (the same immutable id in both profiles, for a name). The new
   * entity is written over its properties (its first-login time, what Python declared and Java does
   * not map); the old entity stays, since Python apps and their {@code auth_entity} links use it.
   */
  private Key pythonKeyOfSameUser(AuthRecord record) {
    PythonKinds.MovedKey moved = PythonKinds.MOVED_KEYS.get(record.key().kind());
    if (moved == null) {
      return null;
    }
    String name;
    try {
      name = moved.oldName().apply(record);
    } catch (IllegalArgumentException e) {
      return null; // a profile or extra that is not JSON names no old key
    }
    if (name == null || name.isBlank() || name.equals(record.key().id())) {
      return null;
    }
    return key(new org.oauthdropins.store.Key(record.key().kind(), name));
  }

  /** The entity {@link #pythonKeyOfSameUser} names, if the kind's rule takes it as this user. */
  private static Entity sameUser(Entity old, AuthRecord record) {
    return old != null
            && PythonKinds.MOVED_KEYS.get(record.key().kind()).sameUser().test(old, record)
        ? old
        : null;
  }

  /**
   * The logins in the order of kind, then key name: the auth kinds of the Python library's layout,
   * and the kinds Java wrote for other sites (every such login has a sidecar, which names its
   * kind). Entities with numeric ids are no logins Java can name, and are left out. A login of a
   * site the decorator keeps plain whose sidecar's secrets are all under the ring's first key is
   * returned with them opened, so that a re-seal sees that it needs nothing; any other, with them
   * all sealed, so that a re-seal writes it again.
   */
  @Override
  public List<AuthRecord> page(org.oauthdropins.store.Key after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a page holds at least one login");
    }
    return Backend.call(
        () -> {
          List<AuthRecord> out = new ArrayList<>();
          for (String kind : loginKinds()) {
            if (after != null && kind.compareTo(after.kind()) < 0) {
              continue;
            }
            EntityQuery.Builder q =
                Query.newEntityQueryBuilder()
                    .setKind(kind)
                    .setOrderBy(OrderBy.asc("__key__"))
                    .setLimit(limit - out.size());
            if (after != null && kind.equals(after.kind())) {
              q.setFilter(PropertyFilter.gt("__key__", key(after)));
            }
            QueryResults<Entity> r = b.datastore.run(q.build());
            while (r.hasNext()) {
              Entity e = r.next();
              if (e.getKey().hasName()) {
                out.add(forPage(e));
              }
            }
            if (out.size() >= limit) {
              break;
            }
          }
          return out;
        });
  }

  private AuthRecord forPage(Entity e) {
    org.oauthdropins.store.Key key =
        new org.oauthdropins.store.Key(
            e.getKey().getKind(), PythonKinds.unescape(e.getKey().getName()));
    Entity side = b.datastore.get(sidecarKey(key));
    AuthRecord stored = read(key, e, side);
    if (side == null || sealsSite.test(stored.site())) {
      return stored;
    }
    Entity opened = javaOnly.openIfCurrent(key, side);
    // Else with what is still plain sealed (a login written before sealing began), so that the
    // decorator sees sealed values in a login it keeps plain, and a re-seal writes it again.
    return read(key, e, opened != null ? opened : javaOnly.seal(key, side));
  }

  /**
   * The kinds that hold logins, sorted: the layout's, and each kind a sidecar names, found with one
   * query per kind (a sidecar's name is {@code <kind> <id>}; the next kind starts after {@code
   * <kind>!}).
   */
  private List<String> loginKinds() {
    TreeSet<String> kinds = new TreeSet<>();
    PythonKinds.AUTH_KINDS.forEach(l -> kinds.add(l.kind()));
    PropertyFilter from = null;
    while (true) {
      KeyQuery.Builder q =
          Query.newKeyQueryBuilder()
              .setKind(PythonKinds.SIDECAR_KIND)
              .setOrderBy(OrderBy.asc("__key__"))
              .setLimit(1);
      if (from != null) {
        q.setFilter(from);
      }
      QueryResults<Key> r = b.datastore.run(q.build());
      if (!r.hasNext()) {
        return new ArrayList<>(kinds);
      }
      Key next = r.next();
      String name = next.hasName() ? next.getName() : "";
      int space = name.indexOf(' ');
      if (space <= 0) {
        from = PropertyFilter.gt("__key__", next); // not of this store's making
        continue;
      }
      String kind = name.substring(0, space);
      kinds.add(kind);
      from = PropertyFilter.ge("__key__", b.key(PythonKinds.SIDECAR_KIND, kind + "!"));
    }
  }

  @Override
  public boolean delete(org.oauthdropins.store.Key key) {
    Key k = key(key);
    Key sk = sidecarKey(key);
    return b.inTransaction(
        tx -> {
          if (tx.get(k) == null) {
            return false;
          }
          tx.delete(k, sk);
          return true;
        });
  }
}
