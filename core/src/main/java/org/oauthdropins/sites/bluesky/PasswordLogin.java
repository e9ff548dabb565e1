package org.oauthdropins.sites.bluesky;

import java.util.Objects;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.LoginException;
import org.oauthdropins.Logins;
import org.oauthdropins.internal.Errors;
import org.oauthdropins.internal.Finisher;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * The legacy app-password login as a handler, the twin of the Python library's {@code
 * PasswordCallback}: the app's own form posts {@code username} (the handle), {@code password} (an
 * app password) and optionally {@code state}, and the login finishes as an OAuth one does, added to
 * the browser's {@link Logins} so that {@link Logins#verify} accepts it. The password goes to the
 * user's PDS and nowhere else; only the session tokens are stored. The adapters mount it for
 * Bluesky beside the start and callback ({@link org.oauthdropins.Mount#passwordPath()}).
 *
 * <p>The form is the app's, so it must carry the app's own CSRF protection: otherwise another site
 * could log a visitor in to an account of its choosing.
 */
public final class PasswordLogin {

  private final Bluesky site;
  private final BaseUrl baseUrl;
  private final AuthStore store;
  private final Finisher finisher;

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
    this.site = Objects.requireNonNull(site, "site");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.store = Objects.requireNonNull(store, "store");
    this.finisher = new Finisher(finish, logins);
  }

  /**
   * Handles the form's POST.
   *
   * @return the finish response, or a plain-text 400 (bad handle, wrong password) or 502, logged as
   *     every login error is
   */
  public WebResponse handle(WebRequest request) {
    try {
      baseUrl.forFormPost(request);
      BlueskyAuth auth =
          site.passwordLogin(
              request.parameter("username").orElse(null),
              request.parameter("password").orElse(null),
              store);
      return finisher.loggedIn(auth, request.parameter("state").orElse(null), request);
    } catch (LoginException e) {
      return Errors.page(site, e);
    }
  }
}
