package org.oauthdropins.servlet;

import jakarta.servlet.ServletContext;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Callback;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.Start;
import org.oauthdropins.bluesky.Bluesky;
import org.oauthdropins.store.AuthStore;

/**
 * Mounts a site in any Servlet 6 container: {@code <prefix>/start} and {@code
 * <prefix>/oauth_callback}, plus Bluesky's client metadata document at its client_id URL. Call it
 * from a {@code ServletContextListener}, a Spring {@code ServletContextInitializer}, or your
 * embedded server's setup.
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
      Site site,
      AuthStore store,
      Finish finish,
      Logins logins) {
    String prefix = "/" + site.name();
    Start start =
        Start.builder(site, store)
            .baseUrl(baseUrl)
            .callbackPath(prefix + "/oauth_callback")
            .build();
    Callback callback =
        Callback.builder(site, store).baseUrl(baseUrl).finish(finish).logins(logins).build();
    context
        .addServlet(site.name() + "-start", new StartServlet(start))
        .addMapping(prefix + "/start");
    context
        .addServlet(site.name() + "-callback", new CallbackServlet(callback))
        .addMapping(prefix + "/oauth_callback");
    if (site instanceof Bluesky bluesky) {
      context
          .addServlet(site.name() + "-client-metadata", new ClientMetadataServlet(bluesky, baseUrl))
          .addMapping(bluesky.metadataPath());
    }
    return prefix;
  }
}
