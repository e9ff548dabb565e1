package org.oauthdropins.datastore;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Google Cloud SDK's Datastore emulator, started once per test JVM (it takes several seconds)
 * and stopped when the JVM exits. Where it is not installed, tests that need it are skipped with a
 * message that says why and how to install it. If {@code DATASTORE_EMULATOR_HOST} is set, that
 * running emulator is used instead.
 */
public final class Emulator {

  public static final String PROJECT = "oauth-dropins-test";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static Emulator shared;
  private static String unavailable;

  private final String hostPort;
  private final Process process;

  private Emulator(String hostPort, Process process) {
    this.hostPort = hostPort;
    this.process = process;
  }

  /** {@code 127.0.0.1:PORT}. */
  public String hostPort() {
    return hostPort;
  }

  int port() {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  /** The shared emulator; skips the calling test, with the reason printed, if there is none. */
  public static synchronized Emulator get() {
    if (shared == null && unavailable == null) {
      try {
        shared = start();
      } catch (Exception e) {
        unavailable = "the Datastore emulator did not start: " + e.getMessage();
      }
    }
    if (shared == null) {
      System.out.println("SKIPPED (Datastore emulator): " + unavailable);
      Assumptions.abort(unavailable);
    }
    return shared;
  }

  private static Emulator start() throws Exception {
    String env = System.getenv("DATASTORE_EMULATOR_HOST");
    if (env != null && !env.isBlank()) {
      waitUntilHealthy(env, Duration.ofSeconds(30));
      return new Emulator(env, null);
    }
    Optional<Path> binary = findBinary();
    if (binary.isEmpty()) {
      unavailable =
          "the Datastore emulator is not installed (Debian: apt-get install"
              + " google-cloud-cli-datastore-emulator; or gcloud components install"
              + " cloud-datastore-emulator), and DATASTORE_EMULATOR_HOST is not set";
      throw new IllegalStateException(unavailable);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("datastore-emulator");
    Path log = dir.resolve("emulator.log");
    Process p =
        new ProcessBuilder(
                binary.get().toString(),
                "start",
                "--host=127.0.0.1",
                "--port=" + port,
                "--store_on_disk=False",
                "--consistency=1.0",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    String hostPort = "127.0.0.1:" + port;
    Emulator emulator = new Emulator(hostPort, p);
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::stop));
    try {
      waitUntilHealthy(hostPort, Duration.ofSeconds(90));
    } catch (Exception e) {
      emulator.stop();
      throw new IllegalStateException(
          e.getMessage() + "; its log: " + Files.readString(log).strip(), e);
    }
    return emulator;
  }

  /** The emulator's launcher: beside gcloud in the SDK, wherever the SDK is installed. */
  private static Optional<Path> findBinary() {
    Stream<Path> sdkRoots =
        Stream.concat(
            Stream.of(System.getenv().getOrDefault("CLOUDSDK_ROOT_DIR", ""))
                .filter(s -> !s.isEmpty())
                .map(Path::of),
            Stream.concat(
                pathEntries()
                    .map(d -> d.resolve("gcloud"))
                    .filter(Files::isExecutable)
                    .map(Emulator::realParentOfBin),
                Stream.of(Path.of("/usr/lib/google-cloud-sdk"), Path.of("/opt/google-cloud-sdk"))));
    return sdkRoots
        .filter(p -> p != null)
        .map(r -> r.resolve("platform/cloud-datastore-emulator/cloud_datastore_emulator"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static Stream<Path> pathEntries() {
    return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
        .filter(s -> !s.isEmpty())
        .map(Path::of);
  }

  private static Path realParentOfBin(Path gcloud) {
    try {
      return gcloud.toRealPath().getParent().getParent();
    } catch (IOException e) {
      return null;
    }
  }

  private static void waitUntilHealthy(String hostPort, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + hostPort + "/"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the Datastore emulator at " + hostPort + " was not healthy within " + limit, last);
  }

  private void stop() {
    if (process == null) {
      return;
    }
    try {
      HTTP.send(
          HttpRequest.newBuilder(URI.create("http://" + hostPort + "/shutdown"))
              .timeout(Duration.ofSeconds(5))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      // not answering: the processes are ended below
    }
    // The launcher script starts a JVM of its own: end the children we started, then the script.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }
}
