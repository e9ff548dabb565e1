package org.oauthdropins.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.oauthdropins.Start;

/**
 * Serves a {@link Start}: mount at e.g. {@code /github/start}. Takes POST only (a GET is refused by
 * {@link Start}, so that a link cannot start a login); TRACE is refused.
 */
public final class StartServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Start start;

  /** Serves this start. */
  public StartServlet(Start start) {
    this.start = start;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ServletWeb.handle(req, resp, start::handle);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    doGet(req, resp);
  }

  /** Refused (405): {@code HttpServlet} would echo the request, cookies and all. */
  @Override
  protected void doTrace(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ServletWeb.refuse(resp, "GET, HEAD, POST");
  }
}
