package org.oauthdropins.servlet;

import jakarta.servlet.ServletContext;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.Mount;
import org.oauthdropins.Site;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.store.AuthStore;

/**
 * Mounts a site in any Servlet 6 container: {@code <prefix>/start} and {@code
 * <prefix>/oauth_callback}, plus Bluesky's client metadata document at its client_id URL and its
 * app-password form at {@code <prefix>/password}. Call it from a {@code ServletContextListener}, a
 * Spring {@code ServletContextInitializer}, or your embedded server's setup.
 */
public final class DropinServlets {

  private DropinServlets() {}

  /**
   * Registers the start and callback servlets of one site.
   *
   * @param context the servlet context
   * @param baseUrl the app's public base URL, shared by every site
   * @param site the site
   * @param store where logins are kept
   * @param finish what the callback does at the end, e.g. {@code Finish.redirectTo("/after")}
   * @param logins the browser's logins list to add to, or null
   * @return the path prefix used, {@code /<site name>}
   */
  public static String mount(
      ServletContext context,
      BaseUrl baseUrl,
      Site<?> site,
      AuthStore store,
      Finish finish,
      Logins logins) {
    Mount m = Mount.of(baseUrl, site, store, finish, logins);
    mount(context, m);
    return "/" + site.name();
  }

  /**
   * Registers the servlets of a {@link Mount}: its start and callback, the site's own document
   * (Bluesky's client metadata) and its app-password form if it has them. The servlet names start
   * with the site's name, so a site can be mounted once per context.
   */
  public static void mount(ServletContext context, Mount m) {
    String name = m.site().name();
    context.addServlet(name + "-start", new StartServlet(m.start())).addMapping(m.startPath());
    context
        .addServlet(name + "-callback", new CallbackServlet(m.callback()))
        .addMapping(m.callbackPath());
    mountRoutes(context, name, m);
  }

  /**
   * Registers the servlets of the routes a site serves beside its start and callback ({@link
   * Mount#routes()}: Bluesky's client metadata document and app-password form), whatever the site,
   * each named {@code <prefix>-<route name>}.
   */
  public static void mountRoutes(ServletContext context, String prefix, Mount m) {
    for (SiteRoute r : m.routes()) {
      context.addServlet(prefix + "-" + r.name(), new HandlerServlet(r)).addMapping(r.path());
    }
  }
}
