package org.oauthdropins.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;

/**
 * The soak's pages of the library app: what a page does with a login after it, and the audit the
 * soak's checks read the store through.
 *
 * <ul>
 *   <li>{@code GET /soak/api?auth_entity=K[&refresh=1]}: the page's load of the user's data: the
 *       login trusted only through {@code Logins.verify}, loaded from the store, optionally
 *       refreshed at once (a forced refresh, spending the refresh token), then a signed {@code GET
 *       /user} at the provider. A {@link LoginException} answers its status with its plain message,
 *       as the library's own handlers do.
 *   <li>{@code POST /soak/audit} (key ids, one a line): each login as the library loads it, with
 *       fingerprints of its tokens, so that the checks compare them with the fake's live ones
 *       without a token leaving the app.
 * </ul>
 */
final class SoakPages {

  private SoakPages() {}

  static void mount(ServletContextHandler context, Site<?> github, AuthStore store, Logins logins) {
    ObjectMapper json = new ObjectMapper();
    context.addServlet(
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest req, HttpServletResponse resp)
              throws IOException {
            try {
              Optional<AuthEntity> user = LibraryApp.browsersLogin(req, logins, github, store);
              if (user.isEmpty()) {
                plain(resp, 403, "not your login, or no such login");
                return;
              }
              if (req.getParameter("refresh") != null && !user.get().refresh()) {
                plain(resp, 502, "the refresh gave no new tokens");
                return;
              }
              HttpResult r = user.get().get(user.get().apiUrl("/user"));
              if (r.status() != 200) {
                plain(resp, 502, "GitHub answered " + r.status());
                return;
              }
              plain(resp, 200, "ok");
            } catch (LoginException e) {
              plain(resp, e.status(), e.getMessage());
            }
          }
        },
        "/soak/api");
    context.addServlet(
        new HttpServlet() {
          @Override
          protected void doPost(HttpServletRequest req, HttpServletResponse resp)
              throws IOException {
            Map<String, SoakChecks.Stored> out = new LinkedHashMap<>();
            String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (String id : body.split("\n")) {
              if (id.isBlank()) {
                continue;
              }
              Optional<? extends AuthEntity> user =
                  github.load(store, new Key("GitHubAuth", id.strip()));
              out.put(
                  id.strip(),
                  user.map(
                          u ->
                              new SoakChecks.Stored(
                                  true,
                                  SoakProvider.fingerprint(
                                      u.accessToken() instanceof AccessToken.Bearer b
                                          ? b.value()
                                          : null),
                                  SoakProvider.fingerprint(u.refreshToken())))
                      .orElse(new SoakChecks.Stored(false, null, null)));
            }
            resp.setContentType("application/json");
            resp.getWriter().write(json.writeValueAsString(out));
          }
        },
        "/soak/audit");
  }

  private static void plain(HttpServletResponse resp, int status, String message)
      throws IOException {
    resp.setStatus(status);
    resp.setContentType("text/plain;charset=utf-8");
    resp.getWriter().write(message + "\n");
  }
}
