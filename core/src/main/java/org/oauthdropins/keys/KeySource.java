package org.oauthdropins.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where an app's {@link KeyRing} comes from. The library reads it from configuration ({@link
 * #environment}, {@link #file}); a key management service (Google Cloud KMS, AWS KMS, Vault)
 * implements this one method, e.g. by unwrapping a ring that the service's master key encrypted, so
 * that the keys themselves never sit in a file or an environment variable.
 */
@FunctionalInterface
public interface KeySource {

  /** The environment variable holding a ring's text form ({@link KeyRing#parse}). */
  String ENVIRONMENT_VARIABLE = "OAUTH_DROPINS_KEYS";

  /**
   * The file in the working directory holding a ring's text form, named the way the credentials
   * files are ({@code github_client_id}...).
   */
  String FILE_NAME = "oauth_dropins_keys";

  /** The name of the file the embedded store keeps its generated ring in, beside its database. */
  String EMBEDDED_FILE_NAME = "oauth-dropins.keys";

  /**
   * The key ring.
   *
   * @throws IllegalStateException if there is none, naming what to set
   */
  KeyRing keyRing();

  /** A fixed ring, e.g. one the app read from its own configuration. */
  static KeySource of(KeyRing ring) {
    return () -> ring;
  }

  /**
   * The ring in {@value #ENVIRONMENT_VARIABLE}, or else in the file {@value #FILE_NAME} of the
   * working directory; empty if neither is there.
   *
   * @throws IllegalArgumentException if the one found is malformed
   */
  static Optional<KeyRing> environment() {
    String env = System.getenv(ENVIRONMENT_VARIABLE);
    if (env != null && !env.isBlank()) {
      return Optional.of(KeyRing.parse(env));
    }
    Path file = Path.of(FILE_NAME);
    if (Files.isRegularFile(file)) {
      return Optional.of(file(file).keyRing());
    }
    return Optional.empty();
  }

  /** The ring in a file (its text form). */
  static KeySource file(Path path) {
    return () -> {
      try {
        return KeyRing.parse(Files.readString(path, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the key ring file " + path, e);
      }
    };
  }

  /**
   * The ring of an embedded database: the one in {@value #ENVIRONMENT_VARIABLE} or {@value
   * #FILE_NAME} if set, else the file {@value #EMBEDDED_FILE_NAME} in the database's folder, made
   * with one new key (readable by its owner only) on first use. Such a file keeps the tokens out of
   * copies of the database files alone (a backup, a disk image of the database, a dump); it does
   * not protect them from someone who can read the whole folder.
   */
  static KeySource embedded(Path directory) {
    return () -> environment().orElseGet(() -> ownFile(directory.resolve(EMBEDDED_FILE_NAME)));
  }

  private static KeyRing ownFile(Path path) {
    try {
      if (!Files.exists(path)) {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), ".keys", ".tmp");
        try {
          ownerOnly(tmp);
          Files.writeString(tmp, KeyRing.generate().spec() + "\n", StandardCharsets.UTF_8);
          // Of two processes making the file at once, the first link wins and both read it.
          Files.createLink(path, tmp);
        } catch (FileAlreadyExistsException raced) {
          // the other process's ring is the one
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      return KeyRing.parse(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or make the key ring file " + path, e);
    }
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file inherits the folder's access list
    }
  }
}
