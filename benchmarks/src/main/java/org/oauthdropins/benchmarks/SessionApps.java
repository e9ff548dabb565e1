package org.oauthdropins.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.oauthdropins.Html;

/**
 * What the two session-based contenders (ScribeJava and the hand-written floor) share, so that they
 * differ only in how they talk to GitHub: the state kept in the servlet session, the GraphQL viewer
 * query, the servlets, and the {@code /after} page that greets the user kept in the session.
 */
final class SessionApps {

  static final String VIEWER_QUERY =
      "{\"query\":\"query { viewer { id databaseId login name url avatarUrl location websiteUrl bio } }\"}";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private SessionApps() {}

  /** How a contender talks to GitHub: where to send the browser, and a code to a user's name. */
  interface GitHubClient {
    String authorizeUrl(String state);

    /** Exchanges the code for a token and fetches the viewer's display name with it. */
    String userName(String code) throws IOException;
  }

  /**
   * Serves a "Sign in with GitHub" app: POST {@code /github/start}, GET {@code
   * /github/oauth_callback}, GET {@code /after}, with the state and then the user in the session.
   */
  static void serve(int port, GitHubClient github) throws Exception {
    ServletContextHandler context = Jetty.context(true);
    context.addServlet(
        new HttpServlet() {
          @Override
          protected void doPost(HttpServletRequest req, HttpServletResponse resp)
              throws IOException {
            String state = newState();
            req.getSession(true).setAttribute("state", state);
            resp.sendRedirect(github.authorizeUrl(state));
          }
        },
        "/github/start");
    context.addServlet(
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest req, HttpServletResponse resp)
              throws IOException {
            HttpSession session = req.getSession(false);
            if (!takeState(session, req.getParameter("state"))) {
              resp.sendError(400, "bad state");
              return;
            }
            session.setAttribute("user", github.userName(req.getParameter("code")));
            resp.sendRedirect("/after");
          }
        },
        "/github/oauth_callback");
    context.addServlet(after(), "/after");
    Jetty.serve(port, context).join();
  }

  /** An unguessable state, as the ScribeJava example's (which is weaker: a 6-digit random). */
  private static String newState() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Whether the state is this session's, which it is only once. */
  private static boolean takeState(HttpSession session, String state) {
    if (session == null || state == null) {
      return false;
    }
    Object expected = session.getAttribute("state");
    session.removeAttribute("state");
    return expected != null
        && MessageDigest.isEqual(
            expected.toString().getBytes(StandardCharsets.UTF_8),
            state.getBytes(StandardCharsets.UTF_8));
  }

  /** The display name in a GraphQL viewer answer. */
  static String viewerName(String body) throws IOException {
    JsonNode viewer = JSON.readTree(body).path("data").path("viewer");
    if (!viewer.hasNonNull("id")) {
      throw new IOException("no viewer in GitHub's answer");
    }
    return viewer.path("name").asText(viewer.path("login").asText());
  }

  private static HttpServlet after() {
    return new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession(false);
        Object user = session == null ? null : session.getAttribute("user");
        if (user == null) {
          resp.sendError(403, "not logged in");
          return;
        }
        resp.setContentType("text/html;charset=utf-8");
        resp.getWriter().write("<!doctype html><p>Hello, " + Html.escape(user.toString()));
      }
    };
  }
}
