package org.oauthdropins.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.oauthdropins.Callback;

/**
 * Serves a {@link Callback}: mount at e.g. {@code /github/oauth_callback}. Takes GET, and POST for
 * sites that answer with {@code response_mode=form_post}; TRACE is refused.
 */
public final class CallbackServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Callback callback;

  /** Serves this callback. */
  public CallbackServlet(Callback callback) {
    this.callback = callback;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ServletWeb.handle(req, resp, callback::handle);
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
