package org.oauthdropins.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** The Jetty 12 plumbing every process of the harness shares: loopback only, default pools. */
final class Jetty {

  /** The home page every contender serves, with the button form a browser posts to start. */
  static final String HOME =
      """
      <!doctype html><title>Sign in</title>
      <form method="post" action="/github/start"><button>Sign in with GitHub</button></form>
      """;

  private Jetty() {}

  static Server server(int port, Handler handler) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(handler);
    return server;
  }

  static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /**
   * A servlet context with the home page and the harness's probes: {@code /bench/cpu} (process CPU
   * nanoseconds, read before and after a level) and {@code /bench/heap} (used heap after two full
   * GCs, for the heap kept per login).
   */
  static ServletContextHandler context(boolean sessions) {
    ServletContextHandler context =
        new ServletContextHandler(
            sessions ? ServletContextHandler.SESSIONS : ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    context.addServlet(
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest req, HttpServletResponse resp)
              throws IOException {
            if (!req.getRequestURI().equals("/")) {
              resp.sendError(404);
              return;
            }
            resp.setContentType("text/html;charset=utf-8");
            resp.getWriter().write(HOME);
          }
        },
        "/");
    context.addServlet(
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest req, HttpServletResponse resp)
              throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write(Long.toString(probe(req.getPathInfo())));
          }
        },
        "/bench/*");
    return context;
  }

  /** Starts a servlet app on loopback and says which port it got, for the runner. */
  static Server serve(int port, ServletContextHandler context) throws Exception {
    Server server = server(port, context);
    server.start();
    System.out.println("listening " + port(server));
    return server;
  }

  private static long probe(String what) {
    if ("/heap".equals(what)) {
      // Two collections: the first may only queue finalizable and weakly reachable objects.
      System.gc();
      System.gc();
      Runtime rt = Runtime.getRuntime();
      return rt.totalMemory() - rt.freeMemory();
    }
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static void send(Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) bytes.length);
    response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
  }

  static void redirect(Response response, Callback callback, String location) {
    response.setStatus(302);
    response.getHeaders().put(HttpHeader.LOCATION, location);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
    response.write(true, null, callback);
  }
}
