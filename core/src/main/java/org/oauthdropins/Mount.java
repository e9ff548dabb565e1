package org.oauthdropins;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.bluesky.Bluesky;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

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
 */
public record Mount(
    Site<?> site,
    String startPath,
    String callbackPath,
    Start start,
    Callback callback,
    BaseUrl baseUrl) {

  /** Makes the value, checking its components. */
  public Mount {
    Objects.requireNonNull(site, "site");
    Paths.requireLocal(startPath, "start path");
    Paths.requireLocal(callbackPath, "callback path");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(callback, "callback");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /**
   * A site at the library's usual paths, {@code /<site>/start} and {@code /<site>/oauth_callback}.
   *
   * @param baseUrl the app's public base URL, shared by every site
   * @param site the site
   * @param store where logins are kept
   * @param finish what the callback does at the end, e.g. {@code Finish.redirectTo("/after")}
   * @param logins the browser's logins list to add to, or null
   */
  public static Mount of(
      BaseUrl baseUrl, Site<?> site, AuthStore store, Finish finish, Logins logins) {
    String prefix = "/" + site.name();
    return of(
        baseUrl,
        site,
        store,
        finish,
        logins,
        prefix + "/start",
        prefix + "/oauth_callback",
        List.of(),
        site.listener());
  }

  /**
   * A site at the given start and callback paths, asking for extra scopes besides the site's
   * defaults, with the handlers' events going to the given listener (the site's own {@link
   * Site#listener()}, or another for a {@link Site} built without one, as an app's own site bean in
   * Spring Boot); see {@link #of(BaseUrl, Site, AuthStore, Finish, Logins)}.
   */
  public static Mount of(
      BaseUrl baseUrl,
      Site<?> site,
      AuthStore store,
      Finish finish,
      Logins logins,
      String startPath,
      String callbackPath,
      List<String> scopes,
      LoginListener listener) {
    Start start =
        Start.builder(site, store)
            .baseUrl(baseUrl)
            .callbackPath(callbackPath)
            .scopes(scopes)
            .listener(listener)
            .build();
    Callback callback =
        Callback.builder(site, store)
            .baseUrl(baseUrl)
            .finish(finish)
            .logins(logins)
            .listener(listener)
            .build();
    return new Mount(site, startPath, callbackPath, start, callback, baseUrl);
  }

  /**
   * Where a site that names the app by a document of its own serves it: Bluesky's client metadata
   * at its client_id URL. Empty for every other site.
   */
  public Optional<String> documentPath() {
    return site instanceof Bluesky b ? Optional.of(b.metadataPath()) : Optional.empty();
  }

  /**
   * The document at {@link #documentPath()}, naming the app by its configured base URL, never by
   * the request's Host; a plain-text 400 for a request to another host, 404 for a site without one.
   */
  public WebResponse document(WebRequest request) {
    if (!(site instanceof Bluesky b)) {
      return WebResponse.Page.text(404, "not found");
    }
    try {
      return new WebResponse.Page(
          200, "application/json", b.clientMetadata(baseUrl.forRequest(request)), List.of());
    } catch (LoginException e) {
      return WebResponse.Page.text(e.status(), e.getMessage());
    }
  }
}
