package org.oauthdropins.docs;

// readme:start after-servlet
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.oauthdropins.Logins;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.servlet.ServletWeb;
import org.oauthdropins.sites.github.GitHubAuth;
import org.oauthdropins.store.AuthStore;

// readme:end

/** The README's after page, in a servlet. */
final class AfterServlet {

  private AfterServlet() {}

  static Optional<GitHubAuth> user(
      HttpServletRequest httpServletRequest,
      Logins logins,
      OAuth2Site<GitHubAuth> github,
      AuthStore store) {
    // readme:start after-servlet
    Optional<GitHubAuth> user =
        logins
            .verify(
                ServletWeb.request(httpServletRequest),
                httpServletRequest.getParameter("auth_entity"))
            .flatMap(key -> github.load(store, key));
    // readme:end
    return user;
  }
}
