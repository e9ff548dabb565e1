package org.oauthdropins.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;

/** Starting, timing and stopping the child JVMs; every one is stopped when the runner exits. */
final class Procs {

  private static final List<Process> ALL = new ArrayList<>();

  /** The key ring of this run's apps. */
  private static final KeyRing RING = KeyRing.generate();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Procs::stopAll));
  }

  private Procs() {}

  /** The java that runs this process, so that every child runs on the same JDK. */
  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** The jar this class came from. */
  static String jar() {
    try {
      return Path.of(Procs.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A free loopback port, chosen before a child starts so that its base URL is known. */
  static int freePort() {
    // Below the kernel's ephemeral range (32768 and up on Linux): a port the kernel hands out can
    // be taken by any outgoing connection before the child binds it, which ended a whole run once
    // (the demo's start-up, after the fleet's thousands of connections).
    Random random = new Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20_000 + random.nextInt(10_000);
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        return port;
      } catch (IOException e) {
        // taken: try another
      }
    }
    throw new IllegalStateException("no free port between 20000 and 29999");
  }

  /** Starts a child with its output in {@code log}, in {@code dir} (or here when null). */
  static synchronized Process start(List<String> command, Path log, File dir) {
    return start(command, log, dir, java.util.Map.of());
  }

  /** The same, with variables added to the child's environment. */
  static synchronized Process start(
      List<String> command, Path log, File dir, java.util.Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    // The apps of one run share a database (a fleet on PostgreSQL), so they share a key ring.
    pb.environment().putIfAbsent(KeySource.ENVIRONMENT_VARIABLE, RING.spec());
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (dir != null) {
      pb.directory(dir);
    }
    try {
      Process p = pb.start();
      ALL.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /**
   * {@code java -jar benchmarks.jar ARGS...}; from the classes of a build (the soak's short form in
   * the module's tests), {@code java -cp CLASSPATH Main ARGS...}.
   */
  static List<String> self(String... args) {
    String jar = jar();
    List<String> c =
        new ArrayList<>(
            jar.endsWith(".jar")
                ? List.of(java(), "-jar", jar)
                : List.of(
                    java(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    c.addAll(List.of(args));
    return c;
  }

  /**
   * Starts a child and waits for the first 200 of {@code url}; returns seconds from the start of
   * the process to that answer.
   */
  static double startAndTime(Process[] out, List<String> command, Path log, File dir, URI url) {
    long t0 = System.nanoTime();
    Process p = start(command, log, dir);
    out[0] = p;
    waitFor200(p, url, log);
    return (System.nanoTime() - t0) / 1e9;
  }

  static void waitFor200(Process p, URI url, Path log) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (p != null && !p.isAlive()) {
        throw new IllegalStateException("the process for " + url + " died; see " + log);
      }
      try {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setConnectTimeout(200);
        c.setReadTimeout(5000);
        int status = c.getResponseCode();
        c.getInputStream().readAllBytes();
        if (status == 200) {
          return;
        }
      } catch (ConnectException e) {
        // Not listening yet.
      } catch (IOException e) {
        // Listening but not ready.
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(url + " never answered 200; see " + log);
  }

  static synchronized void stop(Process p) {
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ALL.remove(p);
  }

  private static synchronized void stopAll() {
    for (Process p : new ArrayList<>(ALL)) {
      stop(p);
    }
  }
}
