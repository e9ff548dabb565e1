package org.oauthdropins;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * How every login ends, whichever handler ran it ({@link Callback}, Bluesky's app-password form):
 * the app's {@link Finish}, and a stored login added to this browser's {@link Logins}. Apps trust
 * an {@code auth_entity} only through {@link Logins#verify}, so a way to finish that skipped the
 * cookie would leave its users signed out after a successful login; one path for all keeps them
 * from drifting apart.
 *
 * @param finish the app's answer at the end
 * @param logins the browser's logins list to add to, or null for an app that keeps none
 */
record Finisher(Finish finish, Logins logins) {

  /** Makes the value, checking its components. */
  public Finisher {
    Objects.requireNonNull(finish, "finish path or finish function");
  }

  /**
   * Finishes a login that is stored: the app's answer, with the cookie that adds it to this
   * browser's logins.
   *
   * @param auth the stored login
   * @param state the app's own state from the start, or null
   */
  public WebResponse loggedIn(AuthEntity auth, String state, WebRequest request) {
    Objects.requireNonNull(auth, "auth");
    WebResponse response = finish.finish(auth, state, request);
    return logins == null ? response : withCookie(response, logins.add(request, auth));
  }

  /**
   * Finishes a login the user declined: the app's answer, and no login for this browser.
   *
   * @param state the app's own state from the start, or null
   */
  public WebResponse declined(String state, WebRequest request) {
    return finish.finish(null, state, request);
  }

  /** The response with one more cookie to set; as it is if the cookie is null. */
  static WebResponse withCookie(WebResponse r, Cookie cookie) {
    if (cookie == null) {
      return r;
    }
    List<Cookie> cookies = new ArrayList<>(r.cookies());
    cookies.add(cookie);
    if (r instanceof WebResponse.Redirect redirect) {
      return new WebResponse.Redirect(redirect.location(), cookies);
    }
    WebResponse.Page page = (WebResponse.Page) r;
    return new WebResponse.Page(page.status(), page.contentType(), page.body(), cookies);
  }
}
