package org.oauthdropins.spring;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;
import org.oauthdropins.servlet.ServletWeb;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * Serves one handler of a site (start or callback), with the {@link Exchange} current; TRACE is
 * refused.
 */
final class DropinServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Function<WebRequest, WebResponse> handler;

  DropinServlet(Function<WebRequest, WebResponse> handler) {
    this.handler = handler;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    new Exchange(req, resp).run(() -> ServletWeb.handle(req, resp, handler));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    doGet(req, resp);
  }

  /**
   * Refused (405): {@code HttpServlet} would echo the request, cookies and all, in an app that
   * turns Tomcat's {@code allowTrace} on or runs on Jetty.
   */
  @Override
  protected void doTrace(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ServletWeb.refuse(resp, "GET, HEAD, POST");
  }
}
