package org.oauthdropins.datastore;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreOptions;
import com.google.cloud.http.HttpTransportOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.seal.Sealed;
import org.oauthdropins.internal.seal.SealedRowGuard;
import org.oauthdropins.internal.seal.Sealing;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.ResealReport;
import org.oauthdropins.store.AppRegistrations;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.store.PendingLogins;
import org.oauthdropins.store.RefreshLeases;

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
 *
 * <p>Tokens and secrets are sealed at rest under a {@link KeyRing} (AES-256-GCM; see {@code
 * SECURITY.md}): always in the kinds only Java reads (pending logins, the library's own
 * registrations, the logins of sites the Python library does not have, and the Java sidecar of
 * every login); in the kinds a Python app reads ({@code GitHubAuth}, {@code MastodonApp}...) only
 * after {@link #sealingPythonKinds()}, since a Python app cannot open them. The ring comes from the
 * environment ({@code OAUTH_DROPINS_KEYS}, or the file {@code oauth_dropins_keys}) unless the app
 * passes one.
 *
 * <p>This class makes the client and holds the app's identity; each concern is a class of its own
 * ({@code DatastoreLogins}, {@code DatastorePendingLogins}, {@code DatastoreRegistrations}, {@code
 * DatastoreLeases}) over the same client, wrapped in the sealing decorators.
 */
public final class DatastoreStore implements AuthStore {

  /** The environment variable the Google client libraries read for the emulator's host:port. */
  public static final String EMULATOR_ENV = "DATASTORE_EMULATOR_HOST";

  private final Datastore datastore;
  private final Clock clock;
  private final boolean owned;
  private final AppIdentity identity;
  private final KeyRing ring;
  private final boolean sealingPython;
  private final Backend backend;
  private final Sealed sealed;
  private final RefreshLeases leases;

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
   * A store on the given client, which the caller keeps and closes, sealing under the key ring of
   * the environment.
   *
   * @param datastore a client for the project (and namespace) to use
   * @throws IllegalStateException if neither {@code OAUTH_DROPINS_KEYS} nor the file {@code
   *     oauth_dropins_keys} holds a key ring, naming them and {@link #DatastoreStore(Datastore,
   *     KeyRing)}
   */
  public DatastoreStore(Datastore datastore) {
    this(datastore, environmentRing("new DatastoreStore(datastore, keyRing)"));
  }

  /**
   * A store on the given client, which the caller keeps and closes, sealing under this key ring.
   *
   * @param datastore a client for the project (and namespace) to use
   * @param keyRing the ring that seals tokens and secrets; its first key seals, all open
   */
  public DatastoreStore(Datastore datastore, KeyRing keyRing) {
    this(datastore, Clock.systemUTC(), false, null, keyRing, false);
  }

  private DatastoreStore(
      Datastore datastore,
      Clock clock,
      boolean owned,
      AppIdentity identity,
      KeyRing ring,
      boolean sealingPython) {
    this.datastore = datastore;
    this.clock = clock;
    this.owned = owned;
    this.identity = identity;
    this.ring = java.util.Objects.requireNonNull(ring, "keyRing");
    this.sealingPython = sealingPython;
    this.backend = new Backend(datastore, clock);
    DatastoreRegistrations apps = new DatastoreRegistrations(backend, identity);
    Sealing sealing = Sealing.of(ring).onlyForSites(this::seals);
    this.sealed =
        new Sealed(
            new DatastoreLogins(
                backend, apps, new JavaOnlySecrets(ring), this::seals, new SealedRowGuard(sealing)),
            new DatastorePendingLogins(backend),
            apps,
            sealing);
    this.leases = new DatastoreLeases(backend);
  }

  /**
   * The same Datastore without the sealing decorators: rows read and written as they are held,
   * sealed values and all, for the tests that look at what a copy of the Datastore holds.
   */
  AuthStore unsealed() {
    DatastoreRegistrations apps = new DatastoreRegistrations(backend, identity);
    DatastoreLogins logins =
        new DatastoreLogins(backend, apps, JavaOnlySecrets.NONE, s -> false, null);
    DatastorePendingLogins pending = new DatastorePendingLogins(backend);
    return new AuthStore() {
      @Override
      public LoginStore logins() {
        return logins;
      }

      @Override
      public PendingLogins pendingLogins() {
        return pending;
      }

      @Override
      public AppRegistrations registrations() {
        return apps;
      }

      @Override
      public RefreshLeases leases() {
        return leases;
      }
    };
  }

  private static KeyRing environmentRing(String withRing) {
    return Sealing.environmentRing("DatastoreStore", withRing);
  }

  /**
   * Whether a site's logins and registrations are sealed: those the Python library has are kept as
   * Python writes them unless the app opted in; every other site's are Java's alone.
   */
  private boolean seals(String site) {
    return sealingPython || !PythonKinds.PYTHON_SITES.contains(site);
  }

  /**
   * The same store sealing the kinds the Python library reads too ({@code GitHubAuth}'s {@code
   * access_token_str}, {@code MastodonApp}'s client secret, Bluesky's {@code session} and {@code
   * dpop_token}...), for an app that shares its Datastore with no Python app, or whose Python apps
   * need not use the logins Java stores. A Python app can no longer use the tokens Java writes
   * then: it reads sealed text where it expects a token. Logins and registrations written before
   * stay plain until they are written again or {@link #reseal()} runs.
   */
  public DatastoreStore sealingPythonKinds() {
    return new DatastoreStore(datastore, clock, false, identity, ring, true);
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
    return new DatastoreStore(
        datastore, clock, false, new AppIdentity(url, appName), ring, sealingPython);
  }

  /**
   * A store on a Google Cloud project's Datastore, with the application default credentials; or on
   * the emulator when {@value #EMULATOR_ENV} is set (e.g. {@code localhost:8081}). It seals under
   * the key ring of the environment.
   *
   * @throws IllegalStateException if neither {@code OAUTH_DROPINS_KEYS} nor the file {@code
   *     oauth_dropins_keys} holds a key ring, naming them and {@link #connect(String, KeyRing)}
   */
  public static DatastoreStore connect(String projectId) {
    return connect(projectId, environmentRing("DatastoreStore.connect(projectId, keyRing)"));
  }

  /** {@link #connect(String)} sealing under this key ring. */
  public static DatastoreStore connect(String projectId, KeyRing keyRing) {
    java.util.Objects.requireNonNull(keyRing, "keyRing");
    String emulator = System.getenv(EMULATOR_ENV);
    if (emulator != null && !emulator.isBlank()) {
      return emulator(emulator, projectId, keyRing);
    }
    return new DatastoreStore(
        options(projectId).build().getService(), Clock.systemUTC(), true, null, keyRing, false);
  }

  /**
   * A store on the Datastore emulator at {@code host:port}, sealing under the key ring of the
   * environment.
   *
   * @throws IllegalStateException if there is none, as {@link #connect(String)}
   */
  public static DatastoreStore emulator(String hostPort, String projectId) {
    return emulator(
        hostPort,
        projectId,
        environmentRing("DatastoreStore.emulator(hostPort, projectId, keyRing)"));
  }

  /** A store on the Datastore emulator at {@code host:port}, sealing under this key ring. */
  public static DatastoreStore emulator(String hostPort, String projectId, KeyRing keyRing) {
    java.util.Objects.requireNonNull(keyRing, "keyRing");
    String host = hostPort.contains("://") ? hostPort : "http://" + hostPort;
    return new DatastoreStore(
        options(projectId)
            .setHost(host)
            .setCredentials(NoCredentials.getInstance())
            .build()
            .getService(),
        Clock.systemUTC(),
        true,
        null,
        keyRing,
        false);
  }

  private static DatastoreOptions.Builder options(String projectId) {
    // A login waits on the store: give up after seconds, not the client's default minutes, and
    // answer 503 instead. A store that is down refuses at once: retry that after 0.1 and 0.2 s,
    // not the client's 1 and 2 s, so that its 503 comes within the request's budget (the soak's
    // emulator restart found callbacks over 3.5 s; StoreOutageTest).
    RetrySettings retry =
        DatastoreOptions.getDefaultRetrySettings().toBuilder()
            .setMaxAttempts(3)
            .setInitialRetryDelayDuration(Duration.ofMillis(100))
            .setRetryDelayMultiplier(2)
            .setMaxRetryDelayDuration(Duration.ofSeconds(1))
            .setTotalTimeoutDuration(Duration.ofSeconds(20))
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(10))
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(10))
            .build();
    return DatastoreOptions.newBuilder().setProjectId(projectId).setRetrySettings(retry);
  }

  /** The same store reading the time from another clock, for tests of expiry. */
  public DatastoreStore withClock(Clock clock) {
    return new DatastoreStore(datastore, clock, false, identity, ring, sealingPython);
  }

  /** The client, e.g. to share it with the rest of the app. */
  public Datastore datastore() {
    return datastore;
  }

  @Override
  public LoginStore logins() {
    return sealed.logins();
  }

  @Override
  public PendingLogins pendingLogins() {
    return sealed.pendingLogins();
  }

  @Override
  public AppRegistrations registrations() {
    return sealed.registrations();
  }

  @Override
  public Optional<KeyRing> keyRing() {
    return Optional.of(ring);
  }

  @Override
  public void checkKeys() {
    sealed.checkKeys();
  }

  /**
   * Re-seals this app's logins and registrations under the ring's first key, and writes the kinds a
   * Python app reads as this store writes them now: plain, unless {@link #sealingPythonKinds()} (so
   * after opting out, a re-seal makes them readable by Python again, and after opting in, it seals
   * the ones written before). A Python app's own registrations are never written.
   */
  @Override
  public ResealReport reseal() {
    return sealed.reseal();
  }

  @Override
  public RefreshLeases leases() {
    return leases;
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
}
