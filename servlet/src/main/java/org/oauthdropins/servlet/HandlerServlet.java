package org.oauthdropins.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.web.WebResponse;

/**
 * Serves a route a site declares beside its start and callback ({@link SiteRoute}: Bluesky's client
 * metadata document and app-password form), which {@link DropinServlets} mounts for any site that
 * has one. Methods the route does not take get a 405.
 */
final class HandlerServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient SiteRoute route;

  HandlerServlet(SiteRoute route) {
    this.route = route;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!route.takes(req.getMethod())) {
      ServletWeb.refuse(
          resp, String.join(", ", route.methods()) + (route.takes("HEAD") ? ", HEAD" : ""));
      return;
    }
    WebResponse r = route.handler().apply(ServletWeb.request(req));
    if (route.maxAge() != null && r instanceof WebResponse.Page p && p.status() == 200) {
      // A public document (client metadata), the same for every request: cacheable.
      resp.setHeader("Cache-Control", "public, max-age=" + route.maxAge().toSeconds());
      resp.setStatus(200);
      resp.setContentType(p.contentType());
      resp.getWriter().write(p.body());
      return;
    }
    ServletWeb.send(r, resp);
  }
}
