package org.oauthdropins.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.oauthdropins.Site;

/**
 * Serves the sites' button images as {@code <site>.svg}: mount at e.g. {@code /oauth_dropins/*} and
 * pass that prefix as {@code imagePrefix} to {@link org.oauthdropins.ButtonHtml}.
 */
public final class ButtonServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, String> images;

  /** Serves the buttons of these sites. */
  public ButtonServlet(Iterable<Site<?>> sites) {
    this.images =
        java.util.stream.StreamSupport.stream(sites.spliterator(), false)
            .collect(
                Collectors.toUnmodifiableMap(
                    s -> s.name() + ".svg", s -> s.button().svg(), (a, b) -> a));
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    String svg = images.get(path.startsWith("/") ? path.substring(1) : path);
    if (svg == null) {
      resp.sendError(404);
      return;
    }
    resp.setContentType("image/svg+xml");
    resp.setHeader("Cache-Control", "public, max-age=86400");
    resp.getWriter().write(svg);
  }

  /** Refused (405): {@code HttpServlet} would echo the request, cookies and all. */
  @Override
  protected void doTrace(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ServletWeb.refuse(resp, "GET, HEAD");
  }
}
