package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.NoCredentials;
import com.google.cloud.datastore.DatastoreOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A Datastore store made without a key ring where the environment has none fails at once, in the
 * constructor, saying what to set: in a JVM of its own, without {@code OAUTH_DROPINS_KEYS} (which
 * this module's tests otherwise set) and in an empty working directory (no {@code
 * oauth_dropins_keys} file).
 */
class NoKeyRingTest {

  @Test
  void eachFormWithoutARingFailsAtConstructionNamingWhatToSet() throws Exception {
    Path dir = Files.createTempDirectory("no-keys");
    ProcessBuilder pb =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName())
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().remove("OAUTH_DROPINS_KEYS");
    pb.environment().remove(DatastoreStore.EMULATOR_ENV);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    List<String> lines = out.lines().filter(l -> l.startsWith("FAILED ")).toList();
    assertThat(lines).as(out).hasSize(3);
    assertThat(lines.get(0))
        .contains("IllegalStateException", "new DatastoreStore(datastore, keyRing)");
    assertThat(lines.get(1)).contains("DatastoreStore.connect(projectId, keyRing)");
    assertThat(lines.get(2)).contains("DatastoreStore.emulator(hostPort, projectId, keyRing)");
    for (String line : lines) {
      assertThat(line).contains("OAUTH_DROPINS_KEYS", "oauth_dropins_keys", "DatastoreStore");
    }
  }

  /** The child JVM: each form, and what it threw. */
  public static final class Main {
    public static void main(String[] args) {
      var client =
          DatastoreOptions.newBuilder()
              .setProjectId("p")
              .setHost("http://127.0.0.1:9")
              .setCredentials(NoCredentials.getInstance())
              .build()
              .getService();
      List<Supplier<DatastoreStore>> forms =
          List.of(
              () -> new DatastoreStore(client),
              () -> DatastoreStore.connect("p"),
              () -> DatastoreStore.emulator("127.0.0.1:9", "p"));
      for (Supplier<DatastoreStore> form : forms) {
        try {
          form.get();
          System.out.println("MADE a store without a key ring");
        } catch (RuntimeException e) {
          System.out.println("FAILED " + e.getClass().getName() + ": " + e.getMessage());
        }
      }
    }
  }
}
