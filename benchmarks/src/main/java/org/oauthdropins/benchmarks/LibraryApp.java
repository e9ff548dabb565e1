package org.oauthdropins.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
import org.oauthdropins.datastore.DatastoreStore;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.apache.ApacheTransport;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.servlet.DropinServlets;
import org.oauthdropins.servlet.ServletWeb;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Contender: this library as the README quick start tells an app to use it. The servlet adapter's
 * {@code DropinServlets.mount}, a configured base URL, {@code Finish.redirectTo("/after")}, and an
 * {@code /after} page that trusts the {@code auth_entity} only through {@code Logins.verify} and
 * then loads the login. The store is the embedded H2 default, or PostgreSQL through HikariCP as the
 * README advises for production (and for a fleet, whose servers share it), or the Datastore
 * emulator through {@code DatastoreStore} (the soak's second configuration), or {@code MemoryStore}
 * ({@code --memory}): no contender, the yardstick of what the store's work costs a login, since it
 * seals as the others do and keeps the rest in maps, so that a faster store can save at most the
 * difference between it and the embedded one.
 *
 * <p>{@code app library --port N --fake URL [--h2 DIR | --postgres PORT | --datastore HOST:PORT
 * --project P | --memory] [--base-url URL] [--transport own|apache|jdkhttp] [--soak --budget-ms B
 * --pool-timeout-ms P]}
 *
 * <p>{@code --transport} (issue 23) picks what carries the token and profile requests: the
 * library's own client (the default), Apache HttpClient 5 ({@code oauth-dropins-http-apache}), or
 * {@code java.net.http} ({@link JdkHttpClientTransport}).
 *
 * <p>With {@code --soak} (the soak and fault run, {@link Soak}) the app's time budget per browser
 * request and its pool's wait for a connection are the given ones, and it serves {@link SoakPages}.
 */
final class LibraryApp {

  private LibraryApp() {}

  static void main(Args args) throws Exception {
    int port = args.intValue("port", 0);
    BaseUrl baseUrl = BaseUrl.of(args.value("base-url", "http://127.0.0.1:" + port));
    AuthStore store;
    if (args.flag("postgres")) {
      store =
          JdbcStore.owning(
              postgres(
                  Integer.parseInt(args.value("postgres", "5432")),
                  args.intValue("pool-timeout-ms", 30_000)));
    } else if (args.flag("datastore")) {
      // As an app on Datastore alone runs it: the emulator's client as the store makes it, and
      // every kind sealed (no Python app reads these logins), as JdbcStore seals every row.
      store =
          DatastoreStore.emulator(
                  args.value("datastore", "127.0.0.1:8081"),
                  args.value("project", "oauth-dropins-soak"))
              .sealingPythonKinds();
    } else if (args.flag("memory")) {
      // The same ring as the other stores read (OAUTH_DROPINS_KEYS), or a new one.
      store = new MemoryStore(KeySource.environment().orElseGet(KeyRing::generate));
    } else {
      store = JdbcStore.embedded(Path.of(args.value("h2", "data")));
    }
    Logins logins = Logins.forStore(store);
    boolean soak = args.flag("soak");
    Limits limits = Limits.DEFAULT;
    if (soak) {
      Duration budget = Duration.ofMillis(args.intValue("budget-ms", 10_000));
      Limits d = Limits.DEFAULT;
      limits = new Limits(d.connectTimeout(), budget, d.maxBodyBytes(), d.userAgent(), budget);
    }
    HttpTransport transport = transport(args.value("transport", "own"), limits);
    Site<?> github =
        GitHub.create(
            new SiteOptions(
                    Map.of(),
                    new Credentials(FakeGitHub.CLIENT_ID, FakeGitHub.CLIENT_SECRET),
                    transport)
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
            Optional<AuthEntity> user;
            try {
              user = browsersLogin(req, logins, github, store);
            } catch (LoginException e) {
              // The store is down (a 503): the app's page says so plainly, as the library does.
              resp.sendError(e.status(), e.getMessage());
              return;
            }
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
    if (soak) {
      SoakPages.mount(context, github, store, logins);
    }
    Jetty.serve(port, context).join();
  }

  /** The transport of this name, with these limits: each shared by every login, as an app would. */
  static HttpTransport transport(String name, Limits limits) {
    return switch (name) {
      case "own" -> limits == Limits.DEFAULT ? JdkTransport.shared() : new JdkTransport(limits);
      case "apache" -> new ApacheTransport(limits);
      case "jdkhttp" -> new JdkHttpClientTransport(limits);
      default ->
          throw new IllegalArgumentException("--transport is own, apache or jdkhttp, not " + name);
    };
  }

  /**
   * The login in the request's {@code auth_entity}, trusted only if this browser made it ({@code
   * Logins.verify}), loaded from the store.
   */
  static Optional<AuthEntity> browsersLogin(
      HttpServletRequest req, Logins logins, Site<?> github, AuthStore store) {
    return logins
        .verify(ServletWeb.request(req), req.getParameter("auth_entity"))
        .flatMap(key -> github.load(store, key));
  }

  private static HikariDataSource postgres(int port, int connectionTimeoutMs) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
    config.setMaximumPoolSize(16);
    config.setConnectionTimeout(connectionTimeoutMs);
    return new HikariDataSource(config);
  }
}
