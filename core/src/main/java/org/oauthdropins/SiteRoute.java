package org.oauthdropins;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.internal.Paths;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * A route a site serves beside its start and callback, which every adapter mounts as it finds it
 * (Bluesky's client metadata document and its app-password form): so that an adapter, the demo or a
 * test app mounts any site without asking which site it is. A site declares its routes with {@link
 * Site#routes}; {@link Mount} builds them.
 *
 * @param name what the route is, unique within its site, e.g. {@code password}; a mount may move it
 *     ({@link Mount.Builder#routePath}) and an adapter names its handler after it
 * @param path where it is served, under the app's context path, e.g. {@code /bluesky/password}
 * @param methods the HTTP methods it takes, e.g. {@code GET}; any other gets a 405
 * @param maxAge how long a GET answer may be cached publicly ({@code Cache-Control}), or null for
 *     no such header
 * @param handler the handler, which answers as the library's other handlers do
 */
public record SiteRoute(
    String name,
    String path,
    List<String> methods,
    Duration maxAge,
    Function<WebRequest, WebResponse> handler) {

  /** Makes the value, checking its components. */
  public SiteRoute {
    Objects.requireNonNull(name, "name");
    Paths.requireLocal(path, name + " path");
    methods = List.copyOf(methods);
    if (methods.isEmpty()) {
      throw new IllegalArgumentException(name + " route takes no method");
    }
    Objects.requireNonNull(handler, "handler");
  }

  /** Whether the route takes this HTTP method; HEAD goes with GET. */
  public boolean takes(String method) {
    return methods.contains(method) || "HEAD".equals(method) && methods.contains("GET");
  }

  /**
   * What a site's routes are built from: the settings of the mount they belong to.
   *
   * @param baseUrl the app's public base URL
   * @param store where logins are kept
   * @param finish what a route that logs the user in does at the end, as the callback does
   * @param logins the browser's logins list to add to, or null
   * @param paths where the mount moved a route, by the route's name
   * @param listener hears what the routes do (a login the provider ended), as the mount's start and
   *     callback do; {@link LoginListener#NONE} for none
   */
  public record Context(
      BaseUrl baseUrl,
      AuthStore store,
      Finish finish,
      Logins logins,
      Map<String, String> paths,
      LoginListener listener) {

    /** Makes the value, checking its components. */
    public Context {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(store, "store");
      paths = Map.copyOf(paths);
      listener = listener == null ? LoginListener.NONE : listener;
    }

    /** A context whose routes report to nobody. */
    public Context(
        BaseUrl baseUrl, AuthStore store, Finish finish, Logins logins, Map<String, String> paths) {
      this(baseUrl, store, finish, logins, paths, LoginListener.NONE);
    }

    /**
     * Tells the mount's listener of an event, as the start and callback do: a listener that throws
     * neither breaks the route nor floods the log.
     */
    public void report(LoginEvent event) {
      Listeners.of(listener).tell(event);
    }

    /** Where the route of this name is served: where the mount moved it, else the default. */
    public String path(String name, String byDefault) {
      return paths.getOrDefault(name, byDefault);
    }

    /**
     * Ends a login that a route ran as the mount's callback ends one: the app's {@link Finish}, and
     * the login added to this browser's {@link Logins}, so that {@link Logins#verify} accepts it.
     *
     * @param auth the stored login
     * @param state the app's own state from the form, or null
     */
    public WebResponse loggedIn(AuthEntity auth, String state, WebRequest request) {
      return new Finisher(finish, logins).loggedIn(auth, state, request);
    }

    /**
     * The answer to a login a route could not run, as every login handler answers one: the error's
     * plain message and status, logged.
     */
    public WebResponse refused(Site<?> site, LoginException e) {
      return Errors.page(site, e);
    }
  }
}
