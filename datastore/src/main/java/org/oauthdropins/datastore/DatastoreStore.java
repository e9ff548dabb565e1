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
import com.google.cloud.datastore.StructuredQuery.CompositeFilter;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import com.google.cloud.datastore.Transaction;
import com.google.cloud.datastore.ValueType;
import com.google.cloud.http.HttpTransportOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.oauthdropins.StoreUnavailableException;
import org.oauthdropins.internal.http.Json;
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
  private final AppIdentity identity;

  /**
   * Which app's Mastodon and Pixelfed registrations are this store's: found, as the Python library
   * finds its own, by instance + {@code app_url} + {@code app_name}. Several apps (Python ones,
   * other Java ones) keep their registrations for one instance side by side in one Datastore, and
   * none replaces or deletes another's; another's is read only to refresh a login whose {@code app}
   * names it, since that login's tokens belong to its client.
   *
   * @param appUrl the app's base URL with a trailing slash, as Python's {@code request.host_url}
   * @param appName the app's name at the instances
   */
  record AppIdentity(String appUrl, String appName) {}

  /**
   * A store on the given client, which the caller keeps and closes.
   *
   * @param datastore a client for the project (and namespace) to use
   */
  public DatastoreStore(Datastore datastore) {
    this(datastore, Clock.systemUTC(), false, null);
  }

  private DatastoreStore(Datastore datastore, Clock clock, boolean owned, AppIdentity identity) {
    this.datastore = datastore;
    this.clock = clock;
    this.owned = owned;
    this.identity = identity;
  }

  /**
   * The same store for one app's Mastodon and Pixelfed registrations: its own are found by
   * instance, this app URL and this app name, as the Python library finds its own, and a Python
   * app's registration with the same URL and name (this app taking over a Python app's domain) is
   * used too while it serves. Without it, the store's registrations are those it wrote with no app
   * URL.
   *
   * @param appUrl the app's base URL, e.g. {@code https://app.example}
   * @param appName the app's name at the instances (the sites' {@code appName})
   */
  public DatastoreStore forApp(String appUrl, String appName) {
    String url = appUrl.endsWith("/") ? appUrl : appUrl + "/";
    return new DatastoreStore(datastore, clock, false, new AppIdentity(url, appName));
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
    return new DatastoreStore(
        options(projectId).build().getService(), Clock.systemUTC(), true, null);
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
        true,
        null);
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
    return new DatastoreStore(datastore, clock, false, identity);
  }

  /** The client, e.g. to share it with the rest of the app. */
  public Datastore datastore() {
    return datastore;
  }

  // ---- auth entities

  private Key key(org.oauthdropins.Key key) {
    return datastore.newKeyFactory().setKind(key.kind()).newKey(PythonKinds.escape(key.id()));
  }

  private Key sidecarKey(org.oauthdropins.Key key) {
    return datastore
        .newKeyFactory()
        .setKind(PythonKinds.SIDECAR_KIND)
        .newKey(key.kind() + " " + key.id());
  }

  /** The Python library's form, so that a Python app sharing this Datastore parses it too. */
  @Override
  public String urlsafe(org.oauthdropins.Key key) {
    return key.pythonUrlsafe(
        datastore.getOptions().getProjectId(), datastore.getOptions().getNamespace());
  }

  @Override
  public Optional<AuthRecord> get(org.oauthdropins.Key key) {
    return call(
        () -> {
          Map<Key, Entity> found = new HashMap<>();
          datastore.get(key(key), sidecarKey(key)).forEachRemaining(e -> found.put(e.getKey(), e));
          Entity e = found.get(key(key));
          return Optional.ofNullable(e).map(x -> read(key, x, found.get(sidecarKey(key))));
        });
  }

  private AuthRecord read(org.oauthdropins.Key key, Entity e, Entity side) {
    return EntityMapper.fromEntity(key, e, side, appOf(e));
  }

  /**
   * The registration a Mastodon or Pixelfed login's {@code app} names: Python keeps the login's
   * instance there only, and it is the client the login's tokens were issued to.
   */
  private Entity appOf(Entity e) {
    if (!e.contains("app") || e.getValue("app").getType() != ValueType.KEY) {
      return null;
    }
    return datastore.get(e.getKey("app"));
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
    return call(
        () ->
            (clientId == null
                    ? mine(record.site(), instance)
                    : withClientId(record.site(), instance, clientId))
                .map(Entity::getKey)
                .orElse(null));
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    return write(record, null, appKeyOf(record)).orElseThrow();
  }

  /**
   * Writes a record and its sidecar in one transaction, over the stored entity (so that Python's
   * properties that Java does not map stay); with {@code spent}, only while the stored tokens are
   * still those.
   */
  private Optional<AuthRecord> write(AuthRecord record, AuthRecord spent, Key appKey) {
    Key k = key(record.key());
    Key sk = sidecarKey(record.key());
    Instant now = clock.instant();
    return inTransaction(
        tx -> {
          Map<Key, Entity> found = new HashMap<>();
          tx.get(k, sk).forEachRemaining(e -> found.put(e.getKey(), e));
          Entity old = found.get(k);
          if (old == null && spent == null) {
            old = pythonEntityOfSameUser(tx, record);
          }
          if (spent != null
              && (old == null || !read(record.key(), old, found.get(sk)).sameTokensAs(spent))) {
            return Optional.<AuthRecord>empty();
          }
          Instant created =
              old != null && old.contains(EntityMapper.CREATED)
                  ? EntityMapper.instant(old.getTimestamp(EntityMapper.CREATED))
                  : now;
          EntityMapper.Written w =
              EntityMapper.toEntity(k, sk, record, created, now, old, appKey, spent == null);
          tx.put(w.main());
          if (w.sidecar() != null) {
            tx.put(w.sidecar());
          } else if (found.containsKey(sk)) {
            tx.delete(sk);
          }
          // Returned as it reads back, so the caller sees what any later get sees.
          return Optional.of(read(record.key(), w.main(), w.sidecar()));
        });
  }

  /**
   * The Python library's entity of the same user under the key Python gave it, when a Java login
   * first writes its own key ({@link PythonKinds#MOVED_KEYS}): found by the old key name that the
   * new login carries, and taken as the same user only as the kind's rule allows (the same
   * immutable id in both profiles, for a name). The new entity is written over its properties (its
   * first-login time, what Python declared and Java does not map); the old entity stays, since
   * Python apps and their {@code auth_entity} links use it.
   */
  private Entity pythonEntityOfSameUser(Transaction tx, AuthRecord record) {
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
    Entity old = tx.get(key(new org.oauthdropins.Key(record.key().kind(), name)));
    return old != null && moved.sameUser().test(old, record) ? old : null;
  }

  @Override
  public boolean delete(org.oauthdropins.Key key) {
    Key k = key(key);
    Key sk = sidecarKey(key);
    return inTransaction(
        tx -> {
          if (tx.get(k) == null) {
            return false;
          }
          tx.delete(k, sk);
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
    return write(fresh, spent, appKeyOf(fresh));
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

  /**
   * The key of this app's own registration at an instance. Python's registrations have numeric ids
   * and are never written here; Java's are named, so that put-if-absent and compare-and-set are one
   * transaction on one key. Without an {@link AppIdentity} the name is the instance, as this store
   * always wrote it; with one, the identity is part of the name, so that two apps never share a
   * registration.
   */
  private Key appKey(String site, String instance) {
    String kind = PythonKinds.APP_KINDS.get(site);
    String name = kind != null ? instance : site + " " + instance;
    if (kind != null && identity != null) {
      name = instance + " " + identity.appUrl() + " " + identity.appName();
    }
    return datastore
        .newKeyFactory()
        .setKind(kind != null ? kind : PythonKinds.GENERIC_APP_KIND)
        .newKey(PythonKinds.escape(name));
  }

  /**
   * A Python app's registration that is this app's too: same instance, {@code app_url} and {@code
   * app_name}, as the Python library looks its own up. Only with an {@link AppIdentity}; never
   * another app's.
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
          datastore.run(
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
  private Optional<Entity> mine(String site, String instance) {
    Entity own = datastore.get(appKey(site, instance));
    return own != null ? Optional.of(own) : pythonApp(site, instance);
  }

  /**
   * The registration entity at an instance with this client id: this app's own, or any other this
   * Datastore holds for the instance (a Python app's, another Java app's), since a login shared
   * through one entity may have been made with any of them, and only that client can refresh it.
   * Never written or deleted here.
   */
  private Optional<Entity> withClientId(String site, String instance, String clientId) {
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
   * The entity of a registration, in Python's layout ({@code instance} as {@code https://host/},
   * {@code data} with the client id and secret, {@code created_at}, and {@code app_url} and {@code
   * app_name} when the store knows them), under this app's own key; over the old entity if there is
   * one, so that properties it had and Java does not know survive.
   */
  private Entity appEntity(Key k, Entity old, AppRegistration app, Instant created) {
    JsonNode given = Json.parse(app.dataJson());
    ObjectNode data = given instanceof ObjectNode o ? o.deepCopy() : Json.object();
    data.put("client_id", app.clientId());
    data.put("client_secret", app.clientSecret());
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
    return app.filter(a -> !a.isExpired(clock.instant()));
  }

  @Override
  public Optional<AppRegistration> getApp(String site, String instance) {
    return live(call(() -> mine(site, instance).map(x -> app(site, instance, x))));
  }

  @Override
  public Optional<AppRegistration> getApp(String site, String instance, String clientId) {
    return live(
        call(() -> withClientId(site, instance, clientId).map(x -> app(site, instance, x))));
  }

  @Override
  public AppRegistration putAppIfAbsent(AppRegistration app) {
    Key k = appKey(app.site(), app.instance());
    Optional<Entity> python =
        call(
            () ->
                datastore.get(k) == null
                    ? pythonApp(app.site(), app.instance())
                    : Optional.<Entity>empty());
    if (python.isPresent()) {
      return app(app.site(), app.instance(), python.get());
    }
    sweepExpiredApps();
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
    // Only Java's registrations carry an expiry: Python's are never swept.
    Set<String> kinds = new LinkedHashSet<>(PythonKinds.APP_KINDS.values());
    kinds.add(PythonKinds.GENERIC_APP_KIND);
    for (String kind : kinds) {
      deleteBefore(kind, APP_EXPIRES, 100);
    }
  }

  /**
   * Compare-and-set on this app's own registration. A Python registration that this app took over
   * is never written: its replacement is stored beside it, under this app's own key, and is the one
   * found from then on; the Python app keeps using its own.
   */
  @Override
  public Optional<AppRegistration> replaceApp(
      String expectedClientId, AppRegistration replacement) {
    String site = replacement.site();
    String instance = replacement.instance();
    Key k = appKey(site, instance);
    Instant now = clock.instant();
    Instant created = replacement.created() != null ? replacement.created() : now;
    Optional<Entity> python =
        call(() -> datastore.get(k) == null ? pythonApp(site, instance) : Optional.<Entity>empty());
    if (python.isPresent()) {
      AppRegistration theirs = app(site, instance, python.get());
      if (!theirs.clientId().equals(expectedClientId)) {
        return live(Optional.of(theirs));
      }
      return live(
          inTransaction(
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
        inTransaction(
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

  /** Deletes this app's own registration only: never a Python app's, nor another Java app's. */
  @Override
  public boolean deleteApp(String site, String instance) {
    Key k = appKey(site, instance);
    return inTransaction(
        tx -> {
          if (tx.get(k) == null) {
            return false;
          }
          tx.delete(k);
          return true;
        });
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
