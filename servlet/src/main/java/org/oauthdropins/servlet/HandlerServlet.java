package org.oauthdropins.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * Serves one of the library's handlers that {@link DropinServlets} mounts without a servlet type of
 * its own (Bluesky's app-password form): GET and POST alike, the handler refusing what it does not
 * take.
 */
final class HandlerServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Function<WebRequest, WebResponse> handler;

  HandlerServlet(Function<WebRequest, WebResponse> handler) {
    this.handler = handler;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ServletWeb.send(handler.apply(ServletWeb.request(req)), resp);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    doGet(req, resp);
  }
}
