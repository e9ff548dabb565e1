package org.oauthdropins;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.internal.Paths;
import org.oauthdropins.store.AuthStore;

/**
 * One site's handlers and the paths to serve them at: what every web framework adapter (servlet,
 * Javalin, Spring Boot) mounts, built in one place so that the adapters stay thin and agree on
 * paths. The paths are the app's, under its context path if it has one.
 *
 * @param site the site
 * @param startPath where {@link #start()} takes the login form's POST, e.g. {@code /github/start}
 * @param callbackPath where {@link #callback()} takes the site's redirect back (GET, and POST for
 *     sites that answer with {@code response_mode=form_post}), e.g. {@code /github/oauth_callback}
 * @param start the first half of a login
 * @param callback the second half
 * @param baseUrl the app's public base URL
 * @param routes the routes the site serves beside these two ({@link Site#routes}), which an adapter
 *     mounts as it finds them: Bluesky's client metadata and app-password form, and every site's
 *     {@code disconnect} ({@link Disconnect})
 */
public record Mount(
    Site<?> site,
    String startPath,
    String callbackPath,
    Start start,
    Callback callback,
    BaseUrl baseUrl,
    List<SiteRoute> routes) {

  /** Makes the value, checking its components. */
  public Mount {
    Objects.requireNonNull(site, "site");
    Paths.requireLocal(startPath, "start path");
    Paths.requireLocal(callbackPath, "callback path");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(callback, "callback");
    Objects.requireNonNull(baseUrl, "baseUrl");
    routes = List.copyOf(routes);
  }

  /** The site's route of this name ({@link SiteRoute#name()}), if it has one. */
  public Optional<SiteRoute> route(String name) {
    return routes.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * A site at the library's usual paths, {@code /<site>/start} and {@code /<site>/oauth_callback},
   * reporting to the site's own listener.
   *
   * @param baseUrl the app's public base URL, shared by every site
   * @param site the site
   * @param store where logins are kept
   * @param finish what the callback does at the end, e.g. {@code Finish.redirectTo("/after")}
   * @param logins the browser's logins list to add to, or null
   */
  public static Mount of(
      BaseUrl baseUrl, Site<?> site, AuthStore store, Finish finish, Logins logins) {
    return builder(baseUrl, site, store).finish(finish).logins(logins).build();
  }

  /**
   * Starts a mount, for settings beyond {@link #of(BaseUrl, Site, AuthStore, Finish, Logins)}:
   * other paths, extra scopes, another listener.
   *
   * @param baseUrl the app's public base URL, shared by every site
   * @param site the site
   * @param store where logins are kept
   */
  public static Builder builder(BaseUrl baseUrl, Site<?> site, AuthStore store) {
    return new Builder(baseUrl, site, store);
  }

  /** Configures a {@link Mount}. Every setter replaces; nothing is built lazily. */
  public static final class Builder {
    private final BaseUrl baseUrl;
    private final Site<?> site;
    private final AuthStore store;
    private Finish finish;
    private Logins logins;
    private String startPath;
    private String callbackPath;
    private final Map<String, String> routePaths = new LinkedHashMap<>();
    private List<String> scopes = List.of();
    private Collection<String> allowedScopes;
    private LoginListener listener;
    private PendingStorage pendingStorage = PendingStorage.IN_COOKIE;
    private boolean deleteEvenIfRevocationFails;

    private Builder(BaseUrl baseUrl, Site<?> site, AuthStore store) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.site = Objects.requireNonNull(site, "site");
      this.store = Objects.requireNonNull(store, "store");
      this.startPath = "/" + site.name() + "/start";
      this.callbackPath = "/" + site.name() + "/oauth_callback";
      this.listener = site.listener();
    }

    /** What the callback does at the end, e.g. {@code Finish.redirectTo("/after")}; required. */
    public Builder finish(Finish f) {
      this.finish = f;
      return this;
    }

    /** The browser's logins list to add each login to; none by default. */
    public Builder logins(Logins l) {
      this.logins = l;
      return this;
    }

    /** Where the handlers are served; {@code /<site>/start} and {@code /<site>/oauth_callback}. */
    public Builder paths(String start, String callback) {
      this.startPath = start;
      this.callbackPath = callback;
      return this;
    }

    /**
     * Where the site's route of this name ({@link Site#routes}) is served instead of where the site
     * puts it. Ignored for sites without one.
     */
    public Builder routePath(String name, String path) {
      this.routePaths.put(Objects.requireNonNull(name, "name"), Paths.requireLocal(path, name));
      return this;
    }

    /**
     * Where a site's app-password form posts (its {@code password} route: Bluesky's), {@code
     * /<site>/password} by default. Ignored for sites without one.
     */
    public Builder passwordPath(String path) {
      return routePath("password", path);
    }

    /** Scopes to ask for besides the site's defaults; none by default. */
    public Builder scopes(List<String> s) {
      this.scopes = List.copyOf(s);
      return this;
    }

    /**
     * The only scopes a login form may add to {@link #scopes}; unset, any well-formed scope (see
     * {@link Start.Builder#allowedScopes}).
     */
    public Builder allowedScopes(Collection<String> allowed) {
      this.allowedScopes = List.copyOf(allowed);
      return this;
    }

    /**
     * Hears the handlers' events: the site's own {@link Site#listener()} by default, another for a
     * {@link Site} built without one (an app's own site bean in Spring Boot).
     */
    public Builder listener(LoginListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /**
     * Where a login waits between start and callback, for both handlers at once: sealed in a cookie
     * by default, so that a start writes nothing to the store; {@link PendingStorage#IN_STORE}
     * keeps it in the store.
     */
    public Builder pendingLogins(PendingStorage storage) {
      this.pendingStorage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /**
     * Whether the disconnect route ({@code /<site>/disconnect}) deletes a login even when the
     * provider could not be reached or did not confirm the revocation; off by default, when the
     * route answers 502 and keeps the login (see {@link Disconnect#deleteEvenIfRevocationFails}).
     */
    public Builder deleteEvenIfRevocationFails(boolean on) {
      this.deleteEvenIfRevocationFails = on;
      return this;
    }

    /** The mount, with its {@link Start}, {@link Callback} and the site's routes built. */
    public Mount build() {
      Start.Builder sb =
          Start.builder(site, store)
              .baseUrl(baseUrl)
              .callbackPath(callbackPath)
              .scopes(scopes)
              .listener(listener)
              .pendingLogins(pendingStorage);
      if (allowedScopes != null) {
        sb.allowedScopes(allowedScopes);
      }
      Start start = sb.build();
      Callback callback =
          Callback.builder(site, store)
              .baseUrl(baseUrl)
              .callbackPath(callbackPath)
              .finish(finish)
              .logins(logins)
              .listener(listener)
              .pendingLogins(pendingStorage)
              .build();
      SiteRoute.Context context =
          new SiteRoute.Context(baseUrl, store, finish, logins, routePaths, listener);
      List<SiteRoute> routes = new java.util.ArrayList<>(site.routes(context));
      routes.add(
          Disconnect.of(site, store)
              .listener(listener)
              .deleteEvenIfRevocationFails(deleteEvenIfRevocationFails)
              .route(context));
      return new Mount(site, startPath, callbackPath, start, callback, baseUrl, routes);
    }
  }
}
