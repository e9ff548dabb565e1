package org.oauthdropins.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

/** The two servlet containers the adapter is tested in, each serving one app on loopback. */
enum Containers {
  JETTY {
    @Override
    Running start(int port, String contextPath, ServletContainerInitializer app) throws Exception {
      Server server = new Server(new InetSocketAddress("127.0.0.1", port));
      ServletContextHandler ctx = new ServletContextHandler(contextPath);
      ctx.addServletContainerInitializer(new ServletContainerInitializerHolder(app));
      server.setHandler(ctx);
      server.start();
      return new Running(server.getURI().getPort(), server::stop);
    }
  },
  TOMCAT {
    @Override
    Running start(int port, String contextPath, ServletContainerInitializer app) throws Exception {
      Path dir = Files.createTempDirectory("tomcat");
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(dir.toString());
      tomcat.setPort(port);
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      Context ctx = tomcat.addContext(contextPath, dir.toString());
      ctx.addServletContainerInitializer(app, null);
      tomcat.start();
      return new Running(
          tomcat.getConnector().getLocalPort(),
          () -> {
            tomcat.stop();
            tomcat.destroy();
          });
    }
  };

  /** Serves the app under the context path ("" for the root) on the port (0: any free one). */
  abstract Running start(int port, String contextPath, ServletContainerInitializer app)
      throws Exception;

  /** A free loopback port, for an app whose base URL must name its port before it starts. */
  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A container serving. */
  record Running(int port, Stopper stopper) implements AutoCloseable {
    @Override
    public void close() {
      try {
        stopper.stop();
      } catch (Exception e) {
        throw new IllegalStateException("the container did not stop", e);
      }
    }
  }

  /** Stops a container. */
  interface Stopper {
    void stop() throws Exception;
  }
}
