package org.oauthdropins.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.sites.bluesky.Bluesky;

/**
 * Serves Bluesky's OAuth client metadata document at its client_id URL ({@link
 * Bluesky#metadataPath()}); {@link DropinServlets#mount} mounts it with the Bluesky site. The
 * document names the app by its configured {@link BaseUrl}, never by the request's Host.
 */
public final class ClientMetadataServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Bluesky site;
  private final transient BaseUrl baseUrl;

  /** Serves the site's client metadata for the app at this base URL. */
  public ClientMetadataServlet(Bluesky site, BaseUrl baseUrl) {
    this.site = site;
    this.baseUrl = baseUrl;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String json;
    try {
      json = site.clientMetadata(baseUrl.forRequest(ServletWeb.request(req)));
    } catch (LoginException e) {
      ServletWeb.send(org.oauthdropins.web.WebResponse.Page.text(e.status(), e.getMessage()), resp);
      return;
    }
    resp.setContentType("application/json");
    resp.setHeader("Cache-Control", "public, max-age=3600");
    resp.getWriter().write(json);
  }

  /** Refused (405): {@code HttpServlet} would echo the request, cookies and all. */
  @Override
  protected void doTrace(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ServletWeb.refuse(resp, "GET, HEAD");
  }
}
