package org.oauthdropins.samples.javalin;

// readme:start javalin-app
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.ButtonHtml;
import org.oauthdropins.Finish;
import org.oauthdropins.Html;
import org.oauthdropins.Logins;
import org.oauthdropins.Mount;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.javalin.JavalinDropins;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;

/**
 * A Javalin app with a "Sign in with GitHub" button. Run it with {@code GITHUB_CLIENT_ID} and
 * {@code GITHUB_CLIENT_SECRET} set (and {@code OAUTH_DROPINS_BASE_URL} outside localhost), with
 * {@code http://localhost:8080/github/oauth_callback} as the GitHub app's callback URL.
 */
public final class JavalinSample {

  private JavalinSample() {}

  /** The app: a home page with one button per site, the sites' routes, and an after page. */
  public static Javalin create(BaseUrl baseUrl, List<Site<?>> sites, AuthStore store) {
    Logins logins = Logins.forStore(store);
    return Javalin.create(
        config -> {
          StringBuilder buttons = new StringBuilder();
          for (Site<?> site : sites) {
            Mount m =
                JavalinDropins.mount(
                    config, baseUrl, site, store, Finish.redirectTo("/after"), logins);
            buttons.append(ButtonHtml.of(m.startPath(), JavalinDropins.BUTTONS).render(site));
          }
          String home = "<!doctype html><title>Sample</title><h1>Sign in</h1>" + buttons;
          config.routes.get("/", ctx -> ctx.html(home));
          config.routes.get(
              "/after",
              ctx -> {
                // The auth_entity in the query is only a claim: trust the key if this browser
                // made that login, then load it.
                String who =
                    logins
                        .verify(JavalinDropins.request(ctx), ctx.queryParam("auth_entity"))
                        .flatMap(
                            key ->
                                sites.stream()
                                    .filter(s -> s.kind().equals(key.kind()))
                                    .findFirst()
                                    .flatMap(s -> s.load(store, key)))
                        .map(AuthEntity::userDisplayName)
                        .orElse(null);
                ctx.html(
                    who == null
                        ? "<p>Not signed in.</p>"
                        : "<p>Signed in as " + Html.escape(who) + "</p>");
              });
        });
  }

  public static void main(String[] args) {
    JdbcStore store = JdbcStore.embedded(Path.of("data"));
    create(BaseUrl.fromEnvironment(), List.of(GitHub.create(SiteOptions.defaults())), store)
        .start(8080);
  }
}
// readme:end
