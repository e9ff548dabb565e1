package org.oauthdropins.quarkus;

import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.Shutdown;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.LoginListener;
import org.oauthdropins.Logins;
import org.oauthdropins.Mount;
import org.oauthdropins.PendingStorage;
import org.oauthdropins.internal.keys.ConfiguredKeys;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension's beans, each of which an app replaces by defining its own ({@link BaseUrl}, {@link
 * AuthStore}, {@link Logins}, {@link KeySource}); a {@link Finish} bean of the app's replaces the
 * redirect to {@code oauth-dropins.finish-path}, and every {@link LoginListener} bean hears every
 * site's events.
 */
@Singleton
public class OAuthDropinsProducers {

  private static final Logger LOG = LoggerFactory.getLogger(OAuthDropinsProducers.class);

  private Sandbox sandbox;

  /** The configured key ring, once read; null before. */
  private Optional<KeyRing> keys;

  @Produces
  @Singleton
  @DefaultBean
  BaseUrl oauthDropinsBaseUrl(
      OAuthDropinsConfig config,
      @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String rootPath) {
    String configured = config.baseUrl().filter(u -> !u.isBlank()).orElse(null);
    if (configured == null) {
      return BaseUrl.fromEnvironment();
    }
    String path = URI.create(configured).getRawPath();
    String root = rootPath.endsWith("/") ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
    if ((path == null || path.isEmpty() || path.equals("/")) && !root.isEmpty()) {
      // The public URL of an app under a root path includes it.
      String origin =
          configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
      return BaseUrl.of(origin + (root.startsWith("/") ? "" : "/") + root);
    }
    return BaseUrl.of(configured);
  }

  /**
   * The configured key ring, read once: the app's {@link KeySource} bean, else {@code
   * oauth-dropins.keys}, {@code oauth-dropins.keys-file}, {@code OAUTH_DROPINS_KEYS} or the file
   * {@code oauth_dropins_keys}; empty leaves the embedded store its own key file.
   */
  private synchronized Optional<KeyRing> keys(
      OAuthDropinsConfig config, Instance<KeySource> keySource) {
    if (keys == null) {
      keys =
          ConfiguredKeys.of(
              keySource.isResolvable() ? keySource.get() : null,
              config.keys().orElse(null),
              config.keysFile().orElse(null));
    }
    return keys;
  }

  /**
   * The app's datasource (Agroal's default one) if it has one, else an H2 database in {@code
   * oauth-dropins.store.directory}; either seals under the configured key ring.
   */
  @Produces
  @Singleton
  @DefaultBean
  AuthStore oauthDropinsStore(
      OAuthDropinsConfig config,
      InjectableInstance<DataSource> dataSource,
      Instance<KeySource> keySource,
      BaseUrl baseUrl) {
    Optional<KeyRing> ring = keys(config, keySource);
    // A datasource without a URL (quarkus.datasource.active=false, or none configured where dev
    // services are off) is inactive: the app keeps no database of its own for us.
    DataSource active =
        dataSource.isResolvable()
            ? dataSource.listActive().stream().findFirst().orElse(null)
            : null;
    if (active != null) {
      KeyRing required = ConfiguredKeys.required(ring, "The JDBC store on the app's datasource");
      // The app's pool is the app's: the store does not close it.
      if (config.store().createSchema()) {
        return new JdbcStore(active, required);
      }
      // Tables owned by the app's migrations: look for them now, so that a missing migration stops
      // the app at start-up rather than at its first login.
      JdbcStore store = JdbcStore.withoutSchema(active, required);
      store.get(new Key("OAuthDropinsSchemaCheck", "start-up"));
      return store;
    }
    Path directory = config.store().directory();
    ConfiguredKeys.embeddedKeyFileWarning(ring, directory, baseUrl).ifPresent(LOG::warn);
    return ring.map(r -> JdbcStore.embedded(directory, r))
        .orElseGet(() -> JdbcStore.embedded(directory));
  }

  void closeStore(@Disposes AuthStore store) {
    store.close();
  }

  @Produces
  @Singleton
  @DefaultBean
  Logins oauthDropinsLogins(
      AuthStore store, OAuthDropinsConfig config, Instance<KeySource> keySource) {
    // The store's ring, so that one ring serves both; an app's own store that seals nothing
    // leaves the configured ring to the cookie.
    Logins logins =
        store.keyRing().isPresent()
            ? Logins.forStore(store)
            : Logins.withKeys(
                ConfiguredKeys.required(
                    keys(config, keySource),
                    "The logins cookie (the app's AuthStore seals nothing)"));
    return logins.withMaxAge(config.logins().maxAge());
  }

  /** Builds every configured site at start-up, so that a misconfigured one stops the app. */
  @Produces
  @Singleton
  DropinSites oauthDropinsSites(
      OAuthDropinsConfig config,
      BaseUrl baseUrl,
      AuthStore store,
      Logins logins,
      Instance<Finish> finish,
      Instance<LoginListener> listenerBeans) {
    LoginListener listener = LoginListener.all(listenerBeans.stream().toList());
    Finish f = finish.isResolvable() ? finish.get() : Finish.redirectTo(config.finishPath());
    if (config.sandbox()) {
      sandbox = Sandbox.start(baseUrl);
    }
    PendingStorage pending =
        switch (config.pendingLogins()) {
          case "cookie" -> PendingStorage.IN_COOKIE;
          case "store" -> PendingStorage.IN_STORE;
          default ->
              throw new IllegalArgumentException(
                  "oauth-dropins.pending-logins is cookie or store, not " + config.pendingLogins());
        };
    List<Mount> mounts = new ArrayList<>();
    List<Sandbox.Fake> fakes = new ArrayList<>();
    for (ConfiguredSites.Configured c : ConfiguredSites.sites(config.sites(), listener, sandbox)) {
      String name = c.site().name();
      Mount.Builder b =
          Mount.builder(baseUrl, c.site(), store)
              .finish(f)
              .logins(logins)
              .paths(
                  config.startPath().replace("{site}", name),
                  config.callbackPath().replace("{site}", name))
              .passwordPath(config.passwordPath().replace("{site}", name))
              .routePath("disconnect", config.disconnect().path().replace("{site}", name))
              .deleteEvenIfRevocationFails(config.disconnect().deleteEvenIfRevocationFails())
              .scopes(c.scopes())
              .listener(listener)
              .pendingLogins(pending);
      if (c.allowedScopes() != null) {
        b.allowedScopes(c.allowedScopes());
      }
      mounts.add(b.build());
      fakes.add(c.fake());
    }
    LOG.info(
        "oauth-dropins: {} site(s) mounted{}: {}; base URL {}",
        mounts.size(),
        sandbox == null ? "" : " in the sandbox, against the testkit's fakes",
        mounts.stream().map(m -> m.site().name()).toList(),
        baseUrl);
    return new DropinSites(mounts, fakes, store, config.buttonPath());
  }

  @Shutdown
  void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
