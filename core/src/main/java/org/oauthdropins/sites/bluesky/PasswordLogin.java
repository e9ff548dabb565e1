package org.oauthdropins.sites.bluesky;

import java.util.Map;
import java.util.Objects;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * The legacy app-password login as a handler, the twin of the Python library's {@code
 * PasswordCallback}: the app's own form posts {@code username} (the handle), {@code password} (an
 * app password) and optionally {@code state}, and the login finishes as an OAuth one does, added to
 * the browser's {@link Logins} so that {@link Logins#verify} accepts it. The password goes to the
 * user's PDS and nowhere else; only the session tokens are stored. The adapters mount it for
 * Bluesky beside the start and callback (its {@code password} route, {@link Bluesky#routes}).
 *
 * <p>The form is the app's, so it must carry the app's own CSRF protection: otherwise another site
 * could log a visitor in to an account of its choosing.
 */
public final class PasswordLogin {

  private final Bluesky site;
  private final SiteRoute.Context mount;

  /**
   * @param site the Bluesky site
   * @param baseUrl the app's public base URL: the form must come from the app's own pages
   * @param store where logins are stored
   * @param finish how to answer at the end, e.g. {@code Finish.redirectTo("/after")}
   * @param logins the browser's logins list to add each login to, as the callback does; or null for
   *     an app that keeps none
   */
  public PasswordLogin(
      Bluesky site, BaseUrl baseUrl, AuthStore store, Finish finish, Logins logins) {
    this(
        site,
        new SiteRoute.Context(
            baseUrl,
            store,
            Objects.requireNonNull(finish, "finish path or finish function"),
            logins,
            Map.of()));
  }

  /** The form of a mount's routes ({@link Bluesky#routes}): it finishes as the mount does. */
  PasswordLogin(Bluesky site, SiteRoute.Context mount) {
    this.site = Objects.requireNonNull(site, "site");
    this.mount = Objects.requireNonNull(mount, "mount");
  }

  /**
   * Handles the form's POST.
   *
   * @return the finish response, or a plain-text 400 (bad handle, wrong password) or 502, logged as
   *     every login error is
   */
  public WebResponse handle(WebRequest request) {
    try {
      mount.baseUrl().forFormPost(request);
      // One time budget for every fetch of this login, as a start's (finding 9): the handle, and
      // so the servers it leads to, are the visitor's.
      FetchBudget budget = FetchBudget.begin();
      BlueskyAuth auth =
          budget.run(
              () ->
                  site.passwordLogin(
                      request.parameter("username").orElse(null),
                      request.parameter("password").orElse(null),
                      mount.store(),
                      budget),
              ProviderException::new);
      return mount.loggedIn(auth, request.parameter("state").orElse(null), request);
    } catch (LoginException e) {
      return mount.refused(site, e);
    }
  }
}
