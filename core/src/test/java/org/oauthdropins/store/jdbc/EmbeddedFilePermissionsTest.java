package org.oauthdropins.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/**
 * The embedded store's files on the real file system: the database holds bearer and refresh tokens
 * in the clear, so its folder is the owner's alone (what actually keeps others out: nobody else can
 * open or list a 0700 folder's files, whatever H2 creates in it later) and its files are 0600
 * besides. POSIX file systems only: elsewhere (Windows) the folder inherits its parent's ACLs.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX permissions")
class EmbeddedFilePermissionsTest {

  private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  @TempDir Path tmp;

  private static void storeALogin(Path dir) {
    JdbcStore store = JdbcStore.embedded(dir);
    try {
      store.put(
          AuthRecord.of(
              new Key("GitHubAuth", "1"),
              "github",
              new AccessToken.Bearer("gho_bearer-token-in-the-file"),
              "refresh-token-in-the-file",
              null,
              "{\"login\":\"mona-in-the-file\"}",
              null));
    } finally {
      store.close();
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void aNewFolderAndEveryFileInItAreTheOwnersAlone() throws IOException {
    Path dir = tmp.resolve("app").resolve("data");

    storeALogin(dir);

    assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(OWNER_ONLY_FOLDER);
    // The folder above is the app's, not the store's: left as the process's umask made it.
    assertThat(Files.getPosixFilePermissions(dir.getParent()))
        .contains(PosixFilePermission.OTHERS_READ);
    Path db = dir.resolve("oauth-dropins.mv.db");
    assertThat(db).exists();
    // The tokens are sealed in the file (the profile is not, and is found there); the key that
    // opens them is in the file beside it, which the permissions protect too.
    assertThat(new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1))
        .contains("mona-in-the-file")
        .doesNotContain("refresh-token-in-the-file", "gho_bearer-token-in-the-file");
    assertThat(dir.resolve("oauth-dropins.keys")).exists();
    for (Path f : files(dir)) {
      assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(OWNER_ONLY_FILE);
    }
  }

  @Test
  void anExistingFolderAndDatabaseOpenToOthersAreTightened() throws IOException {
    // As an earlier version left them: the folder 0755 and the database 0644.
    Path dir = tmp.resolve("data");
    storeALogin(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path f : files(dir)) {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    }
    Path stray = Files.writeString(dir.resolve("notes.txt"), "the app's own file");
    // The build sends every test's log to this file (the root POM's surefire configuration).
    Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
    long before = Files.size(log);

    storeALogin(dir);

    byte[] all = Files.readAllBytes(log);
    String logged =
        new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
    assertThat(logged)
        .contains("the credential store's folder " + dir + " was rwxr-xr-x")
        .contains("now rwx------");

    assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(OWNER_ONLY_FOLDER);
    for (Path f : files(dir)) {
      if (!f.equals(stray)) {
        assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(OWNER_ONLY_FILE);
      }
    }
    // A file that is not the store's is left as it was.
    assertThat(Files.getPosixFilePermissions(stray))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
  }
}
