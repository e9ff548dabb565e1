package org.oauthdropins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oauthdropins.http.Form;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * What happens at the end of a login: the Java twin of overriding the Python library's {@code
 * Callback.finish(auth_entity, state)}. The default, {@link #redirectTo(String)}, sends the browser
 * to the app with the result in the query.
 */
@FunctionalInterface
public interface Finish {

  /**
   * Answers the browser at the end of a login.
   *
   * @param auth the stored login, or null if the user declined
   * @param state the app's own state from the start, or null
   * @param request the callback request
   */
  WebResponse finish(AuthEntity auth, String state, WebRequest request);

  /**
   * Redirects to a path on this server with the Python library's parameters:
   *
   * <pre>
   * path?auth_entity=KEY&amp;state=S&amp;access_token=T[&amp;refresh_token=R]
   * path?auth_entity=KEY&amp;state=S&amp;access_token_key=K&amp;access_token_secret=S   (OAuth 1.0a)
   * path?declined=true[&amp;state=S]
   * </pre>
   *
   * @param path a root-relative path, e.g. {@code /after}; anything else is refused, so the library
   *     is never an open redirector
   */
  static Finish redirectTo(String path) {
    String to = Paths.requireLocal(path, "finish path");
    return (auth, state, request) -> {
      Map<String, String> q = new LinkedHashMap<>();
      if (auth == null) {
        q.put("declined", "true");
        q.put("state", state);
      } else {
        q.put("auth_entity", auth.key().urlsafe());
        q.put("state", state);
        AccessToken token = auth.accessToken();
        if (token instanceof AccessToken.Bearer b) {
          q.put("access_token", b.value());
        } else if (token instanceof AccessToken.OAuth1 o) {
          q.put("access_token_key", o.key());
          q.put("access_token_secret", o.secret());
        }
        q.put("refresh_token", auth.refreshToken());
      }
      return new WebResponse.Redirect(Form.appendQuery(to, q), List.of());
    };
  }
}
