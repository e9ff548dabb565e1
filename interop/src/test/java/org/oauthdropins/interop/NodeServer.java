package org.oauthdropins.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.oauthdropins.internal.http.Json;

/**
 * What the interop servers share: a {@code scripts/*-install.sh} that installs a Node server from
 * npm into a cache (a failed install fails the test with the script's reason, never skips it), a
 * launcher script from the test resources run by the cached Node, which prints one JSON line once
 * it listens and exits when its stdin closes, and free loopback ports.
 */
final class NodeServer {

  private static final Path MODULE = Path.of("").toAbsolutePath();

  private NodeServer() {}

  /** Runs an install script; its last line is the cache folder. */
  static Path install(String script, String what) throws IOException, InterruptedException {
    Path path = MODULE.resolveSibling("scripts").resolve(script);
    Path log = MODULE.resolve("target/" + script.replace(".sh", ".log"));
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder("bash", path.toString()).redirectError(log.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
      p.destroyForcibly();
      throw new AssertionError(
          what
              + " could not be installed from npm by "
              + path
              + " (exit "
              + (p.isAlive() ? "timeout" : p.exitValue())
              + "): "
              + tail(log));
    }
    List<String> lines = out.lines().toList();
    return Path.of(lines.get(lines.size() - 1));
  }

  /**
   * Copies a launcher from the test resources into {@code dir} (ESM resolves packages relative to
   * the script), runs it with {@code node} and these arguments, and waits for its JSON line.
   *
   * @return the process and its line
   */
  static Started launch(
      Path node, Path dir, String resource, String logName, String what, List<String> args)
      throws IOException {
    Path launcher = dir.resolve("oauth-dropins-" + resource);
    try (InputStream in = NodeServer.class.getResourceAsStream("/" + resource)) {
      Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
    }
    Path log = MODULE.resolve("target/" + logName);
    List<String> command = new ArrayList<>(List.of(node.toString(), launcher.toString()));
    command.addAll(args);
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectError(log.toFile()).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    try {
      line = CompletableFuture.supplyAsync(() -> readLine(out)).get(90, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      line = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      line = null;
    }
    if (line == null || !line.startsWith("{")) {
      p.destroyForcibly();
      throw new AssertionError(what + " did not start (" + line + "); its log: " + tail(log));
    }
    return new Started(p, Json.parse(line));
  }

  /** A launched server and what it printed. */
  record Started(Process process, JsonNode info) {}

  /** Stops a launcher: it exits when its stdin closes. */
  static void stop(Process process) throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String readLine(BufferedReader r) {
    try {
      return r.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
