package org.oauthdropins.datastore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.BaseServiceException;
import com.google.cloud.NoCredentials;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreException;
import com.google.cloud.datastore.DatastoreOptions;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.EntityQuery;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyQuery;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.QueryResults;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import com.google.cloud.datastore.Transaction;
import com.google.cloud.http.HttpTransportOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.oauthdropins.StoreUnavailableException;
import org.oauthdropins.http.Json;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.PendingLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuthStore} on Google Cloud Datastore (or Firestore in Datastore mode), in the layout
 * the Python library oauth-dropins writes: a Java app can take over the Datastore of an existing
 * Python app and its users stay logged in. Auth entities keep their Python kinds and properties
 * ({@code GitHubAuth} with {@code access_token_str}, {@code user_json}, {@code created}, {@code
 * updated}...; see {@code PythonKinds}); what Python has no property for is kept in {@code java_*}
 * properties, which Python ignores. Mastodon and Pixelfed app registrations are {@code
 * MastodonApp}/{@code PixelfedApp} entities; pending logins are {@code OAuthDropinsPendingLogin}
 * entities, swept as they expire (a Datastore TTL policy on their {@code expires_at} property
 * removes stragglers too).
 */
public final class DatastoreStore implements AuthStore {

  /** The environment variable the Google client libraries read for the emulator's host:port. */
  public static final String EMULATOR_ENV = "DATASTORE_EMULATOR_HOST";

  /** Writes of pending logins between two sweeps of expired ones. */
  private static final int SWEEP_EVERY = 16;

  private static final Logger LOG = LoggerFactory.getLogger(DatastoreStore.class);

  /** The whole message of every failure: the client's own text goes to the log only. */
  static final String UNAVAILABLE = "the credential store is unavailable; please try again later";

  /** Attempts of a transaction that lost a race to another writer. */
  private static final int MAX_ATTEMPTS = 12;

  private final Datastore datastore;
  private final Clock clock;
  private final boolean owned;
  private final AtomicLong pendingWrites = new AtomicLong();

  /**
   * A store on the given client, which the caller keeps and closes.
   *
   * @param datastore a client for the project (and namespace) to use
   */
  public DatastoreStore(Datastore datastore) {
    this(datastore, Clock.systemUTC(), false);
  }

  private DatastoreStore(Datastore datastore, Clock clock, boolean owned) {
    this.datastore = datastore;
    this.clock = clock;
    this.owned = owned;
  }

  /**
   * A store on a Google Cloud project's Datastore, with the application default credentials; or on
   * the emulator when {@value #EMULATOR_ENV} is set (e.g. {@code localhost:8081}).
   */
  public static DatastoreStore connect(String projectId) {
    String emulator = System.getenv(EMULATOR_ENV);
    if (emulator != null && !emulator.isBlank()) {
      return emulator(emulator, projectId);
    }
    return new DatastoreStore(options(projectId).build().getService(), Clock.systemUTC(), true);
  }

  /** A store on the Datastore emulator at {@code host:port}. */
  public static DatastoreStore emulator(String hostPort, String projectId) {
    String host = hostPort.contains("://") ? hostPort : "http://" + hostPort;
    return new DatastoreStore(
        options(projectId)
            .setHost(host)
            .setCredentials(NoCredentials.getInstance())
            .build()
            .getService(),
        Clock.systemUTC(),
        true);
  }

  private static DatastoreOptions.Builder options(String projectId) {
    // A login waits on the store: give up after seconds, not the client's default minutes, and
    // answer 503 instead.
    RetrySettings retry =
        DatastoreOptions.getDefaultRetrySettings().toBuilder()
            .setMaxAttempts(3)
            .setTotalTimeoutDuration(Duration.ofSeconds(20))
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(10))
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(10))
            .build();
    return DatastoreOptions.newBuilder().setProjectId(projectId).setRetrySettings(retry);
  }

  /** The same store reading the time from another clock, for tests of expiry. */
  public DatastoreStore withClock(Clock clock) {
    return new DatastoreStore(datastore, clock, false);
  }

  /** The client, e.g. to share it with the rest of the app. */
  public Datastore datastore() {
    return datastore;
  }

  // ---- auth entities

  private Key key(org.oauthdropins.Key key) {
    return datastore.newKeyFactory().setKind(key.kind()).newKey(PythonKinds.escape(key.id()));
  }

  @Override
  public Optional<AuthRecord> get(org.oauthdropins.Key key) {
    return call(
        () ->
            Optional.ofNullable(datastore.get(key(key))).map(e -> EntityMapper.fromEntity(key, e)));
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    Key k = key(record.key());
    Instant now = clock.instant();
    return inTransaction(
        tx -> {
          Entity old = tx.get(k);
          Instant created =
              old != null && old.contains(EntityMapper.CREATED)
                  ? EntityMapper.instant(old.getTimestamp(EntityMapper.CREATED))
                  : now;
          Entity e = EntityMapper.toEntity(k, record, created, now);
          tx.put(e);
          // Returned as it reads back, so the caller sees what any later get sees.
          return EntityMapper.fromEntity(record.key(), e);
        });
  }

  @Override
  public boolean delete(org.oauthdropins.Key key) {
    Key k = key(key);
    return inTransaction(
        tx -> {
          if (tx.get(k) == null) {
            return false;
          }
          tx.delete(k);
          return true;
        });
  }

  // ---- refresh lease and compare-and-set

  private Key leaseKey(org.oauthdropins.Key key) {
    return datastore
        .newKeyFactory()
        .setKind(PythonKinds.LEASE_KIND)
        .newKey(key.kind() + " " + key.id());
  }

  @Override
  public boolean leaseRefresh(org.oauthdropins.Key key, String holder, Duration ttl) {
    Key k = leaseKey(key);
    Instant now = clock.instant();
    // The transaction makes read-and-claim one step: of two claimants, one commit aborts, and its
    // retry then sees the other's lease.
    return inTransaction(
        tx -> {
          Entity old = tx.get(k);
          if (old != null
              && !holder.equals(old.getString("holder"))
              && now.isBefore(EntityMapper.instant(old.getTimestamp("lease_until")))) {
            return false;
          }
          tx.put(
              Entity.newBuilder(k)
                  .set("holder", EntityMapper.string(holder, false))
                  .set("lease_until", EntityMapper.timestamp(now.plus(ttl)))
                  .build());
          return true;
        });
  }

  @Override
  public void releaseRefresh(org.oauthdropins.Key key, String holder) {
    Key k = leaseKey(key);
    inTransaction(
        tx -> {
          Entity old = tx.get(k);
          if (old != null && holder.equals(old.getString("holder"))) {
            tx.delete(k);
          }
          return null;
        });
  }

  @Override
  public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
    Key k = key(fresh.key());
    Instant now = clock.instant();
    return inTransaction(
        tx -> {
          Entity old = tx.get(k);
          if (old == null || !EntityMapper.fromEntity(fresh.key(), old).sameTokensAs(spent)) {
            return Optional.<AuthRecord>empty();
          }
          Instant created =
              old.contains(EntityMapper.CREATED)
                  ? EntityMapper.instant(old.getTimestamp(EntityMapper.CREATED))
                  : now;
          Entity e = EntityMapper.toEntity(k, fresh, created, now);
          tx.put(e);
          return Optional.of(EntityMapper.fromEntity(fresh.key(), e));
        });
  }

  // ---- pending logins

  private Key pendingKey(String id) {
    return datastore
        .newKeyFactory()
        .setKind(PythonKinds.PENDING_KIND)
        .newKey(PythonKinds.escape(id));
  }

  @Override
  public void putPending(PendingLogin login) {
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
    call(() -> datastore.put(e.build()));
    capBrowser(login.browserHash());
    // Expired logins are swept now and then on the write path, so no background job is needed.
    if (pendingWrites.getAndIncrement() % SWEEP_EVERY == 0) {
      sweepExpired();
    }
  }

  /** Keeps a browser's newest {@link #PENDING_PER_BROWSER} pending logins and drops the rest. */
  private void capBrowser(String browserHash) {
    EntityQuery q =
        Query.newEntityQueryBuilder()
            .setKind(PythonKinds.PENDING_KIND)
            .setFilter(PropertyFilter.eq("browser_hash", browserHash))
            .setLimit(4 * PENDING_PER_BROWSER)
            .build();
    call(
        () -> {
          List<Entity> mine = new ArrayList<>();
          datastore.run(q).forEachRemaining(mine::add);
          if (mine.size() > PENDING_PER_BROWSER) {
            // Newest first; sorted here, since a sort on another property than the filter's
            // would need a composite index that apps would have to deploy.
            mine.sort(Comparator.comparing((Entity x) -> x.getTimestamp("expires_at")).reversed());
            datastore.delete(
                mine.subList(PENDING_PER_BROWSER, mine.size()).stream()
                    .map(Entity::getKey)
                    .toArray(Key[]::new));
          }
          return null;
        });
  }

  private void sweepExpired() {
    deleteBefore(PythonKinds.PENDING_KIND, "expires_at", 200);
  }

  /** Deletes up to {@code limit} entities of a kind whose time property is before now. */
  private void deleteBefore(String kind, String property, int limit) {
    KeyQuery q =
        Query.newKeyQueryBuilder()
            .setKind(kind)
            .setFilter(PropertyFilter.lt(property, EntityMapper.timestamp(clock.instant())))
            .setLimit(limit)
            .build();
    call(
        () -> {
          List<Key> expired = new ArrayList<>();
          datastore.run(q).forEachRemaining(expired::add);
          if (!expired.isEmpty()) {
            datastore.delete(expired.toArray(Key[]::new));
          }
          return null;
        });
  }

  @Override
  public Optional<PendingLogin> takePending(String id) {
    Key k = pendingKey(id);
    Optional<PendingLogin> taken =
        inTransaction(
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
    return taken.filter(p -> clock.instant().isBefore(p.expiresAt()));
  }

  // ---- app registrations

  private Key appKey(String site, String instance) {
    String kind = PythonKinds.APP_KINDS.get(site);
    String name = kind != null ? instance : site + " " + instance;
    return datastore
        .newKeyFactory()
        .setKind(kind != null ? kind : PythonKinds.GENERIC_APP_KIND)
        .newKey(PythonKinds.escape(name));
  }

  /** Apps that Python registered: auto-id entities found by their {@code instance} property. */
  private List<Entity> pythonApps(String site, String instance) {
    String kind = PythonKinds.APP_KINDS.get(site);
    if (kind == null) {
      return List.of();
    }
    // Python stores the instance as https://host/; accept it with or without the slash.
    Set<String> forms = new LinkedHashSet<>();
    forms.add(instance);
    forms.add(
        instance.endsWith("/") ? instance.substring(0, instance.length() - 1) : instance + "/");
    List<Entity> found = new ArrayList<>();
    for (String form : forms) {
      QueryResults<Entity> r =
          datastore.run(
              Query.newEntityQueryBuilder()
                  .setKind(kind)
                  .setFilter(PropertyFilter.eq("instance", form))
                  .setLimit(10)
                  .build());
      r.forEachRemaining(
          e -> {
            if (e.getKey().hasId()) {
              found.add(e);
            }
          });
    }
    return found;
  }

  /** Java's expiry of a registration; Python's registrations lack it and never expire. */
  private static final String APP_EXPIRES = "java_expires_at";

  private AppRegistration app(String site, String instance, Entity e) {
    String data = EntityMapper.text(e, "data");
    JsonNode json = data == null ? Json.object() : Json.parse(data);
    Instant created =
        e.contains("created_at") ? EntityMapper.instant(e.getTimestamp("created_at")) : null;
    Instant expires =
        e.contains(APP_EXPIRES) ? EntityMapper.instant(e.getTimestamp(APP_EXPIRES)) : null;
    return new AppRegistration(
        site,
        instance,
        json.path("client_id").asText(""),
        json.path("client_secret").asText(""),
        data,
        created,
        expires);
  }

  /**
   * The entity of a registration, in Python's layout, under the given key; over the old entity if
   * there is one, so that properties Python wrote and Java does not know survive.
   */
  private Entity appEntity(Key k, Entity old, AppRegistration app, Instant created) {
    // Python keeps the client id and secret inside `data`; so do we.
    JsonNode given = Json.parse(app.dataJson());
    ObjectNode data = given instanceof ObjectNode o ? o.deepCopy() : Json.object();
    data.put("client_id", app.clientId());
    data.put("client_secret", app.clientSecret());
    Entity.Builder e =
        (old != null ? Entity.newBuilder(old) : Entity.newBuilder(k))
            .set("instance", EntityMapper.string(app.instance(), true))
            .set("data", EntityMapper.string(Json.write(data), false))
            .set("created_at", EntityMapper.timestamp(created));
    if (app.expiresAt() != null) {
      e.set(APP_EXPIRES, EntityMapper.timestamp(app.expiresAt()));
    } else {
      e.remove(APP_EXPIRES);
    }
    if (!PythonKinds.APP_KINDS.containsKey(app.site())) {
      e.set(EntityMapper.JAVA_SITE, app.site());
    }
    return e.build();
  }

  private Optional<AppRegistration> live(Optional<AppRegistration> app) {
    return app.filter(a -> !a.isExpired(clock.instant()));
  }

  @Override
  public Optional<AppRegistration> getApp(String site, String instance) {
    return live(
        call(
            () -> {
              Entity e = datastore.get(appKey(site, instance));
              if (e == null) {
                e = pythonApps(site, instance).stream().findFirst().orElse(null);
              }
              return Optional.ofNullable(e).map(x -> app(site, instance, x));
            }));
  }

  @Override
  public AppRegistration putAppIfAbsent(AppRegistration app) {
    Optional<Entity> python =
        call(() -> pythonApps(app.site(), app.instance()).stream().findFirst());
    if (python.isPresent()) {
      return app(app.site(), app.instance(), python.get());
    }
    sweepExpiredApps();
    Key k = appKey(app.site(), app.instance());
    Instant now = clock.instant();
    return inTransaction(
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
  private void sweepExpiredApps() {
    Set<String> kinds = new LinkedHashSet<>(PythonKinds.APP_KINDS.values());
    kinds.add(PythonKinds.GENERIC_APP_KIND);
    for (String kind : kinds) {
      deleteBefore(kind, APP_EXPIRES, 100);
    }
  }

  @Override
  public Optional<AppRegistration> replaceApp(
      String expectedClientId, AppRegistration replacement) {
    String site = replacement.site();
    String instance = replacement.instance();
    Key named = appKey(site, instance);
    Key k =
        call(
            () ->
                datastore.get(named) != null
                    ? named
                    : pythonApps(site, instance).stream()
                        .map(Entity::getKey)
                        .findFirst()
                        .orElse(null));
    if (k == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return live(
        inTransaction(
            tx -> {
              Entity old = tx.get(k);
              if (old == null) {
                return Optional.<AppRegistration>empty();
              }
              if (!app(site, instance, old).clientId().equals(expectedClientId)) {
                return Optional.of(app(site, instance, old));
              }
              Entity built =
                  appEntity(
                      k,
                      old,
                      replacement,
                      replacement.created() != null ? replacement.created() : now);
              tx.put(built);
              return Optional.of(app(site, instance, built));
            }));
  }

  @Override
  public boolean deleteApp(String site, String instance) {
    Key k = appKey(site, instance);
    boolean deleted =
        inTransaction(
            tx -> {
              if (tx.get(k) == null) {
                return false;
              }
              tx.delete(k);
              return true;
            });
    List<Entity> python = call(() -> pythonApps(site, instance));
    if (!python.isEmpty()) {
      call(
          () -> {
            datastore.delete(python.stream().map(Entity::getKey).toArray(Key[]::new));
            return null;
          });
    }
    return deleted || !python.isEmpty();
  }

  @Override
  public void close() {
    // The HTTP transport has no channels to close and only logs a warning when asked to.
    if (owned && !(datastore.getOptions().getTransportOptions() instanceof HttpTransportOptions)) {
      try {
        datastore.close();
      } catch (Exception e) {
        throw new StoreUnavailableException("closing the Datastore client failed", e);
      }
    }
  }

  // ---- calls and transactions

  private static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (BaseServiceException e) {
      throw unavailable(e);
    }
  }

  private <T> T inTransaction(Function<Transaction, T> work) {
    for (int attempt = 1; ; attempt++) {
      Transaction tx;
      try {
        tx = datastore.newTransaction();
      } catch (BaseServiceException e) {
        throw unavailable(e);
      }
      try {
        T out = work.apply(tx);
        tx.commit();
        return out;
      } catch (DatastoreException e) {
        if (!isContention(e) || attempt >= MAX_ATTEMPTS) {
          throw unavailable(e);
        }
      } catch (BaseServiceException e) {
        throw unavailable(e);
      } finally {
        rollbackQuietly(tx);
      }
      // Another writer won this round; wait a little, with jitter, and try again.
      sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
    }
  }

  private static void rollbackQuietly(Transaction tx) {
    try {
      if (tx.isActive()) {
        tx.rollback();
      }
    } catch (RuntimeException e) {
      // The transaction is abandoned either way; Datastore expires it.
    }
  }

  private static boolean isContention(DatastoreException e) {
    return e.getCode() == 10 // gRPC ABORTED
        || e.getCode() == 409 // HTTP conflict
        || "ABORTED".equals(e.getReason());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while retrying a Datastore transaction", e);
    }
  }

  /**
   * The failure the caller sees, which says only that the store is unavailable: the client's text
   * (project, host, RPC detail) is for the log, and callers show the message in the 503 page.
   */
  private static StoreUnavailableException unavailable(BaseServiceException e) {
    LOG.warn(
        "Datastore failed: {} (code {}, reason {}): {}",
        e.getClass().getName(),
        e.getCode(),
        e.getReason(),
        String.valueOf(e.getMessage()).replace('\r', ' ').replace('\n', ' '));
    return new StoreUnavailableException(UNAVAILABLE, e);
  }
}
