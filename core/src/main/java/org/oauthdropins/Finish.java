package org.oauthdropins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oauthdropins.internal.Paths;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * What happens at the end of a login: the Java twin of overriding the Python library's {@code
 * Callback.finish(auth_entity, state)}. The default, {@link #redirectTo(String)}, sends the browser
 * to the app with the login's key in the query, never a token.
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
   * Answers the browser after a disconnect ({@link Disconnect}): {@link #redirectTo(String)}'s path
   * with {@code disconnected=true} and the app's state; for an app's own finish, the app's root,
   * unless it overrides this.
   *
   * @param key the login that was disconnected
   * @param state the app's own state from the disconnect form, or null
   * @param request the disconnect request
   */
  default WebResponse disconnected(Key key, String state, WebRequest request) {
    return new WebResponse.Redirect(Paths.contextPath(request) + "/", List.of());
  }

  /**
   * Redirects to a path on this server with the login's key and the app's state, and no token:
   *
   * <pre>
   * path?auth_entity=KEY&amp;state=S
   * path?declined=true[&amp;state=S]
   * </pre>
   *
   * The key is not a secret and anyone can type one: trust it only through {@link
   * Logins#verify(org.oauthdropins.web.WebRequest, String)}, which accepts only logins made in the
   * same browser.
   *
   * @param path a path of the app, e.g. {@code /after} (under the app's context path, if any);
   *     anything else is refused, so the library is never an open redirector
   */
  static Finish redirectTo(String path) {
    return redirect(path, false, false);
  }

  /**
   * Redirects with the Python library's exact query, tokens included: {@code access_token}, or
   * {@code access_token_key} and {@code access_token_secret} for OAuth 1.0a, and {@code
   * refresh_token} only if asked for.
   *
   * <p>An opt-in for apps that need the Python contract, with a risk: page URLs land in access
   * logs, browser history and {@code Referer} headers (RFC 6750 section 5.3), so the tokens do too.
   * Prefer {@link #redirectTo(String)} and load the stored login.
   *
   * @param path a path of the app, e.g. {@code /after} (under its context path, if any)
   * @param withRefreshToken whether to add {@code refresh_token} where the login has one
   */
  static Finish redirectWithTokens(String path, boolean withRefreshToken) {
    return redirect(path, true, withRefreshToken);
  }

  private static Finish redirect(String path, boolean tokens, boolean refreshToken) {
    String to = Paths.requireLocal(path, "finish path");
    Finish login =
        (auth, state, request) -> {
          Map<String, String> q = new LinkedHashMap<>();
          if (auth == null) {
            q.put("declined", "true");
            q.put("state", state);
          } else {
            q.put("auth_entity", auth.urlsafe());
            q.put("state", state);
            if (tokens) {
              AccessToken token = auth.accessToken();
              if (token instanceof AccessToken.Bearer b) {
                q.put("access_token", b.value());
              } else if (token instanceof AccessToken.OAuth1 o) {
                q.put("access_token_key", o.key());
                q.put("access_token_secret", o.secret());
              }
            }
            if (refreshToken) {
              q.put("refresh_token", auth.refreshToken());
            }
          }
          // The path is the app's; a WAR on /app (a servlet context path) lives under /app.
          return new WebResponse.Redirect(
              Form.appendQuery(Paths.contextPath(request) + to, q), List.of());
        };
    return new Finish() {
      @Override
      public WebResponse finish(AuthEntity auth, String state, WebRequest request) {
        return login.finish(auth, state, request);
      }

      @Override
      public WebResponse disconnected(Key key, String state, WebRequest request) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("disconnected", "true");
        q.put("state", state);
        return new WebResponse.Redirect(
            Form.appendQuery(Paths.contextPath(request) + to, q), List.of());
      }
    };
  }
}
