package org.oauthdropins.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.oauthdropins.Callback;

/**
 * Serves a {@link Callback}: mount at e.g. {@code /github/oauth_callback}. Takes GET, and POST for
 * sites that answer with {@code response_mode=form_post}.
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
    ServletWeb.send(callback.handle(ServletWeb.request(req)), resp);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    doGet(req, resp);
  }
}
