package org.oauthdropins.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Credentials;
import org.oauthdropins.Finish;
import org.oauthdropins.Html;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.servlet.DropinServlets;
import org.oauthdropins.servlet.ServletWeb;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;

/**
 * Contender: this library as the README quick start tells an app to use it. The servlet adapter's
 * {@code DropinServlets.mount}, a configured base URL, {@code Finish.redirectTo("/after")}, and an
 * {@code /after} page that trusts the {@code auth_entity} only through {@code Logins.verify} and
 * then loads the login. The store is the embedded H2 default, or PostgreSQL through HikariCP as the
 * README advises for production (and for a fleet, whose servers share it).
 *
 * <p>{@code app library --port N --fake URL [--h2 DIR | --postgres PORT] [--base-url URL]}
 */
final class LibraryApp {

  private LibraryApp() {}

  static void main(Args args) throws Exception {
    int port = args.intValue("port", 0);
    BaseUrl baseUrl = BaseUrl.of(args.value("base-url", "http://127.0.0.1:" + port));
    AuthStore store =
        args.flag("postgres")
            ? JdbcStore.owning(postgres(Integer.parseInt(args.value("postgres", "5432"))))
            : JdbcStore.embedded(Path.of(args.value("h2", "data")));
    Logins logins = Logins.forStore(store);
    Site<?> github =
        GitHub.create(
            new SiteOptions(
                    Map.of(),
                    new Credentials(FakeGitHub.CLIENT_ID, FakeGitHub.CLIENT_SECRET),
                    JdkTransport.shared())
                .withAllBases(URI.create(args.value("fake", "http://127.0.0.1:1"))));

    ServletContextHandler context = Jetty.context(false);
    context.addServletContainerInitializer(
        new ServletContainerInitializerHolder(
            (classes, servletContext) ->
                DropinServlets.mount(
                    servletContext, baseUrl, github, store, Finish.redirectTo("/after"), logins)));
    context.addServlet(
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest req, HttpServletResponse resp)
              throws IOException {
            Optional<AuthEntity> user =
                logins
                    .verify(ServletWeb.request(req), req.getParameter("auth_entity"))
                    .flatMap(key -> github.load(store, key));
            if (user.isEmpty()) {
              resp.sendError(403, "not your login");
              return;
            }
            resp.setContentType("text/html;charset=utf-8");
            resp.getWriter()
                .write("<!doctype html><p>Hello, " + Html.escape(user.get().userDisplayName()));
          }
        },
        "/after");
    Jetty.serve(port, context).join();
  }

  private static HikariDataSource postgres(int port) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
    config.setMaximumPoolSize(16);
    return new HikariDataSource(config);
  }
}
