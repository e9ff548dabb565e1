package org.oauthdropins.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.oauthdropins.bluesky.Bluesky;

/**
 * Serves Bluesky's OAuth client metadata document at its client_id URL ({@link
 * Bluesky#metadataPath()}); {@link DropinServlets#mount} mounts it with the Bluesky site.
 */
public final class ClientMetadataServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Bluesky site;

  public ClientMetadataServlet(Bluesky site) {
    this.site = site;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("application/json");
    resp.setHeader("Cache-Control", "public, max-age=3600");
    resp.getWriter().write(site.clientMetadata(ServletWeb.request(req).origin()));
  }
}
