package org.oauthdropins.samples.quarkus;

// readme:start quarkus-app
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.oauthdropins.Html;
import org.oauthdropins.Logins;
import org.oauthdropins.quarkus.DropinSites;
import org.oauthdropins.quarkus.VertxDropins;

/**
 * A Quarkus app whose users sign in with GitHub: the extension mounts the login from {@code
 * application.properties}; the app renders the buttons and the signed-in user's page.
 */
@ApplicationScoped
public class SampleRoutes {

  void routes(@Observes Router router, DropinSites sites, Logins logins) {
    String home = "<!doctype html><title>Sample</title><h1>Sign in</h1>" + sites.buttons("");
    router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html").end(home));
    router
        .get("/me")
        .blockingHandler(
            ctx -> {
              // The auth_entity in the query is only a claim: trust the key if this browser made
              // that login, then load it.
              String who =
                  logins
                      .verify(VertxDropins.request(ctx), ctx.queryParams().get("auth_entity"))
                      .flatMap(sites::load)
                      .map(a -> a.userDisplayName() + " (" + a.siteName() + ")")
                      .orElse(null);
              ctx.response()
                  .putHeader("Content-Type", "text/html")
                  .end(
                      who == null
                          ? "<p>Not signed in.</p>"
                          : "<p>Signed in as " + Html.escape(who) + "</p>");
            });
  }
}
// readme:end
