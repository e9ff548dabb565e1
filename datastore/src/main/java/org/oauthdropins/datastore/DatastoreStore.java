package org.oauthdropins.datastore;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreOptions;
import com.google.cloud.http.HttpTransportOptions;
import java.time.Clock;
import java.time.Duration;
import org.oauthdropins.errors.StoreUnavailableException;
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
 * <p>This class makes the client and holds the app's identity; each concern is a class of its own
 * ({@code DatastoreLogins}, {@code DatastorePendingLogins}, {@code DatastoreRegistrations}, {@code
 * DatastoreLeases}) over the same client.
 */
public final class DatastoreStore implements AuthStore {

  /** The environment variable the Google client libraries read for the emulator's host:port. */
  public static final String EMULATOR_ENV = "DATASTORE_EMULATOR_HOST";

  private final Datastore datastore;
  private final Clock clock;
  private final boolean owned;
  private final AppIdentity identity;
  private final LoginStore logins;
  private final PendingLogins pendingLogins;
  private final AppRegistrations registrations;
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
    Backend backend = new Backend(datastore, clock);
    DatastoreRegistrations apps = new DatastoreRegistrations(backend, identity);
    this.logins = new DatastoreLogins(backend, apps);
    this.pendingLogins = new DatastorePendingLogins(backend);
    this.registrations = apps;
    this.leases = new DatastoreLeases(backend);
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

  @Override
  public LoginStore logins() {
    return logins;
  }

  @Override
  public PendingLogins pendingLogins() {
    return pendingLogins;
  }

  @Override
  public AppRegistrations registrations() {
    return registrations;
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
