package org.oauthdropins.datastore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.QueryResults;
import com.google.cloud.datastore.StructuredQuery.CompositeFilter;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AppRegistrations;

/**
 * {@link DatastoreStore}'s app registrations: Mastodon and Pixelfed ones are the Python library's
 * {@code MastodonApp}/{@code PixelfedApp} entities, in its layout; other sites' are Java's own
 * kind. Several apps keep their registrations for one instance side by side, and none replaces or
 * deletes another's (see {@link DatastoreStore.AppIdentity}).
 */
final class DatastoreRegistrations implements AppRegistrations {

  /** Java's expiry of a registration; Python's registrations lack it and never expire. */
  private static final String APP_EXPIRES = "java_expires_at";

  /**
   * A sealed client secret. The sealing decorator seals the secret and the credentials inside the
   * data each for its own field, so the sealed secret cannot also be the data's {@code
   * client_secret}, where Python's layout keeps a plain one: it is kept here, and the data as the
   * decorator gave it.
   */
  private static final String SEALED_SECRET = "java_client_secret";

  private final Backend b;
  private final DatastoreStore.AppIdentity identity;

  DatastoreRegistrations(Backend b, DatastoreStore.AppIdentity identity) {
    this.b = b;
    this.identity = identity;
  }

  /**
   * The key of this app's own registration at an instance. Python's registrations have numeric ids
   * and are never written here; Java's are named, so that put-if-absent and compare-and-set are one
   * transaction on one key. Without an {@link DatastoreStore.AppIdentity} the name is the instance,
   * as this store always wrote it; with one, the identity is part of the name, so that two apps
   * never share a registration.
   */
  private Key appKey(String site, String instance) {
    String kind = PythonKinds.APP_KINDS.get(site);
    String name = kind != null ? instance : site + " " + instance;
    if (kind != null && identity != null) {
      name = instance + " " + identity.appUrl() + " " + identity.appName();
    }
    return b.key(kind != null ? kind : PythonKinds.GENERIC_APP_KIND, PythonKinds.escape(name));
  }

  /**
   * A Python app's registration that is this app's too: same instance, {@code app_url} and {@code
   * app_name}, as the Python library looks its own up. Only with an {@link
   * DatastoreStore.AppIdentity}; never another app's.
   */
  private Optional<Entity> pythonApp(String site, String instance) {
    String kind = PythonKinds.APP_KINDS.get(site);
    if (kind == null || identity == null) {
      return Optional.empty();
    }
    return firstAt(
        kind,
        instance,
        e -> e.getKey().hasId(),
        PropertyFilter.eq("app_url", identity.appUrl()),
        PropertyFilter.eq("app_name", identity.appName()));
  }

  /**
   * The first registration entity of a kind at an instance, under either form of its URL (Python
   * writes {@code https://host/}, older Java {@code https://host}), that matches the filters and
   * passes the test.
   */
  private Optional<Entity> firstAt(
      String kind, String instance, Predicate<Entity> test, PropertyFilter... filters) {
    for (String form :
        new LinkedHashSet<>(
            List.of(PythonKinds.pythonInstance(instance), PythonKinds.javaInstance(instance)))) {
      PropertyFilter at = PropertyFilter.eq("instance", form);
      QueryResults<Entity> r =
          b.datastore.run(
              Query.newEntityQueryBuilder()
                  .setKind(kind)
                  .setFilter(filters.length == 0 ? at : CompositeFilter.and(at, filters))
                  .setLimit(100)
                  .build());
      while (r.hasNext()) {
        Entity e = r.next();
        if (test.test(e)) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }

  /** This app's registration entity at an instance: its own, else a Python one it took over. */
  Optional<Entity> mine(String site, String instance) {
    Entity own = b.datastore.get(appKey(site, instance));
    return own != null ? Optional.of(own) : pythonApp(site, instance);
  }

  /**
   * The registration entity at an instance with this client id: this app's own, or any other this
   * Datastore holds for the instance (a Python app's, another Java app's), since a login shared
   * through one entity may have been made with any of them, and only that client can refresh it.
   * Never written or deleted here.
   */
  Optional<Entity> withClientId(String site, String instance, String clientId) {
    Optional<Entity> own = mine(site, instance);
    if (own.isPresent() && clientId.equals(app(site, instance, own.get()).clientId())) {
      return own;
    }
    String kind = PythonKinds.APP_KINDS.get(site);
    if (kind == null) {
      return Optional.empty(); // one registration per site and instance, under its own key
    }
    return firstAt(kind, instance, e -> clientId.equals(app(site, instance, e).clientId()));
  }

  private AppRegistration app(String site, String instance, Entity e) {
    String data = EntityMapper.text(e, "data");
    JsonNode json = data == null ? Json.object() : Json.parse(data);
    Instant created =
        e.contains("created_at") ? EntityMapper.instant(e.getTimestamp("created_at")) : null;
    Instant expires =
        e.contains(APP_EXPIRES) ? EntityMapper.instant(e.getTimestamp(APP_EXPIRES)) : null;
    String sealedSecret = EntityMapper.text(e, SEALED_SECRET);
    return new AppRegistration(
        site,
        instance,
        json.path("client_id").asText(""),
        sealedSecret != null ? sealedSecret : json.path("client_secret").asText(""),
        data,
        created,
        expires);
  }

  /**
   * The entity of a registration, in Python's layout ({@code instance} as {@code https://host/},
   * {@code data} with the client id and secret, {@code created_at}, and {@code app_url} and {@code
   * app_name} when the store knows them), under this app's own key; over the old entity if there is
   * one, so that properties it had and Java does not know survive.
   */
  private Entity appEntity(Key k, Entity old, AppRegistration app, Instant created) {
    JsonNode given = Json.parse(app.dataJson());
    ObjectNode data = given instanceof ObjectNode o ? o.deepCopy() : Json.object();
    data.put("client_id", app.clientId());
    boolean sealed = KeyRing.isSealed(app.clientSecret());
    if (!sealed) {
      data.put("client_secret", app.clientSecret());
    }
    boolean python = PythonKinds.APP_KINDS.containsKey(app.site());
    Entity.Builder e =
        (old != null ? Entity.newBuilder(old) : Entity.newBuilder(k))
            .set(
                "instance",
                EntityMapper.string(
                    python ? PythonKinds.pythonInstance(app.instance()) : app.instance(), true))
            .set("data", EntityMapper.string(Json.write(data), false))
            .set("created_at", EntityMapper.timestamp(created));
    if (python && identity != null) {
      e.set("app_url", EntityMapper.string(identity.appUrl(), true));
      e.set("app_name", EntityMapper.string(identity.appName(), true));
    }
    if (sealed) {
      e.set(SEALED_SECRET, EntityMapper.string(app.clientSecret(), false));
    } else {
      e.remove(SEALED_SECRET);
    }
    if (app.expiresAt() != null) {
      e.set(APP_EXPIRES, EntityMapper.timestamp(app.expiresAt()));
    } else {
      e.remove(APP_EXPIRES);
    }
    if (!python) {
      e.set(EntityMapper.JAVA_SITE, app.site());
    }
    return e.build();
  }

  private Optional<AppRegistration> live(Optional<AppRegistration> app) {
    return app.filter(a -> !a.isExpired(b.clock.instant()));
  }

  @Override
  public Optional<AppRegistration> get(String site, String instance) {
    return live(Backend.call(() -> mine(site, instance).map(x -> app(site, instance, x))));
  }

  @Override
  public Optional<AppRegistration> get(String site, String instance, String clientId) {
    return live(
        Backend.call(
            () -> withClientId(site, instance, clientId).map(x -> app(site, instance, x))));
  }

  @Override
  public AppRegistration putIfAbsent(AppRegistration app) {
    Key k = appKey(app.site(), app.instance());
    Optional<Entity> python =
        Backend.call(
            () ->
                b.datastore.get(k) == null
                    ? pythonApp(app.site(), app.instance())
                    : Optional.<Entity>empty());
    if (python.isPresent()) {
      return app(app.site(), app.instance(), python.get());
    }
    sweepExpired();
    Instant now = b.clock.instant();
    return b.inTransaction(
        tx -> {
          Entity old = tx.get(k);
          if (old != null && !app(app.site(), app.instance(), old).isExpired(now)) {
            return app(app.site(), app.instance(), old);
          }
          Entity built = appEntity(k, null, app, now);
          tx.put(built);
          return app(app.site(), app.instance(), built);
        });
  }

  /** Deletes a batch of expired registrations of every kind, on the write path. */
  private void sweepExpired() {
    // Only Java's registrations carry an expiry: Python's are never swept.
    Set<String> kinds = new LinkedHashSet<>(PythonKinds.APP_KINDS.values());
    kinds.add(PythonKinds.GENERIC_APP_KIND);
    for (String kind : kinds) {
      b.deleteBefore(kind, APP_EXPIRES, 100);
    }
  }

  /**
   * Compare-and-set on this app's own registration. A Python registration that this app took over
   * is never written: its replacement is stored beside it, under this app's own key, and is the one
   * found from then on; the Python app keeps using its own.
   */
  @Override
  public Optional<AppRegistration> replace(String expectedClientId, AppRegistration replacement) {
    String site = replacement.site();
    String instance = replacement.instance();
    Key k = appKey(site, instance);
    Instant now = b.clock.instant();
    Instant created = replacement.created() != null ? replacement.created() : now;
    Optional<Entity> python =
        Backend.call(
            () ->
                b.datastore.get(k) == null ? pythonApp(site, instance) : Optional.<Entity>empty());
    if (python.isPresent()) {
      AppRegistration theirs = app(site, instance, python.get());
      if (!theirs.clientId().equals(expectedClientId)) {
        return live(Optional.of(theirs));
      }
      return live(
          b.inTransaction(
              tx -> {
                Entity old = tx.get(k);
                if (old != null) {
                  return Optional.of(app(site, instance, old)); // another server was first
                }
                Entity built = appEntity(k, null, replacement, created);
                tx.put(built);
                return Optional.of(app(site, instance, built));
              }));
    }
    return live(
        b.inTransaction(
            tx -> {
              Entity old = tx.get(k);
              if (old == null) {
                return Optional.<AppRegistration>empty();
              }
              if (!app(site, instance, old).clientId().equals(expectedClientId)) {
                return Optional.of(app(site, instance, old));
              }
              Entity built = appEntity(k, old, replacement, created);
              tx.put(built);
              return Optional.of(app(site, instance, built));
            }));
  }

  /**
   * This app's own registrations (never a Python app's, nor another Java app's for the same
   * instance), in the order of site, instance and client id. They are few (one per instance), so a
   * page reads them all and sorts them.
   */
  @Override
  public List<AppRegistration> page(AppRegistration after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a page holds at least one registration");
    }
    Comparator<AppRegistration> order =
        Comparator.comparing(AppRegistration::site)
            .thenComparing(AppRegistration::instance)
            .thenComparing(AppRegistration::clientId);
    List<AppRegistration> own = new ArrayList<>();
    Set<String> kinds = new LinkedHashSet<>(PythonKinds.APP_KINDS.values());
    kinds.add(PythonKinds.GENERIC_APP_KIND);
    Backend.call(
        () -> {
          for (String kind : kinds) {
            QueryResults<Entity> r =
                b.datastore.run(Query.newEntityQueryBuilder().setKind(kind).build());
            while (r.hasNext()) {
              ownRegistration(r.next()).ifPresent(own::add);
            }
          }
          return null;
        });
    return own.stream()
        .filter(a -> after == null || order.compare(a, after) > 0)
        .sorted(order)
        .limit(limit)
        .toList();
  }

  /** The registration of an entity, if this app wrote it: it is under the key this app gives it. */
  private Optional<AppRegistration> ownRegistration(Entity e) {
    String instance = EntityMapper.text(e, "instance");
    if (!e.getKey().hasName() || instance == null) {
      return Optional.empty();
    }
    String kind = e.getKey().getKind();
    String site =
        kind.equals(PythonKinds.GENERIC_APP_KIND)
            ? EntityMapper.text(e, EntityMapper.JAVA_SITE)
            : PythonKinds.APP_KINDS.entrySet().stream()
                .filter(s -> s.getValue().equals(kind))
                .map(java.util.Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    if (site == null) {
      return Optional.empty();
    }
    String javaInstance =
        kind.equals(PythonKinds.GENERIC_APP_KIND) ? instance : PythonKinds.javaInstance(instance);
    if (!appKey(site, javaInstance).equals(e.getKey())) {
      return Optional.empty();
    }
    return Optional.of(app(site, javaInstance, e));
  }

  /** Deletes this app's own registration only: never a Python app's, nor another Java app's. */
  @Override
  public boolean delete(String site, String instance) {
    Key k = appKey(site, instance);
    return b.inTransaction(
        tx -> {
          if (tx.get(k) == null) {
            return false;
          }
          tx.delete(k);
          return true;
        });
  }
}
