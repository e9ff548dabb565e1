package org.oauthdropins.internal.keys;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;

/**
 * The key ring an adapter's configuration names ({@code oauth-dropins.keys}, {@code
 * oauth-dropins.keys-file}, a {@code KeySource} bean), read the same way by the Spring Boot starter
 * and the Quarkus extension, and the messages that tell an operator what to set.
 */
public final class ConfiguredKeys {

  /** The property holding a ring's text form. */
  public static final String PROPERTY = "oauth-dropins.keys";

  /** The property naming a file that holds a ring's text form. */
  public static final String FILE_PROPERTY = "oauth-dropins.keys-file";

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private ConfiguredKeys() {}

  /**
   * The configured ring: the app's own key source if it has one, else the property's text, else the
   * file the file property names, else {@link KeySource#environment()}; empty if none is.
   *
   * @throws IllegalArgumentException if the one found is malformed, naming where it came from
   */
  public static Optional<KeyRing> of(KeySource appSource, String spec, Path file) {
    if (appSource != null) {
      return Optional.of(appSource.keyRing());
    }
    if (spec != null && !spec.isBlank()) {
      try {
        return Optional.of(KeyRing.parse(spec));
      } catch (IllegalArgumentException e) {
        // The ring's own message names the entry, never its key; it is the whole story.
        throw new IllegalArgumentException(PROPERTY + ": " + e.getMessage());
      }
    }
    if (file != null) {
      try {
        return Optional.of(KeySource.file(file).keyRing());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(FILE_PROPERTY + " (" + file + "): " + e.getMessage(), e);
      }
    }
    return KeySource.environment();
  }

  /**
   * The ring a store on the app's own database needs: with none configured, the start-up fails
   * here, naming every way to give one, rather than storing tokens a copy of the database reveals.
   *
   * @param what what needs the ring, e.g. "the JDBC store on the app's DataSource"
   * @throws MissingKeyRingException if there is none
   */
  public static KeyRing required(Optional<KeyRing> configured, String what) {
    return configured.orElseThrow(
        () ->
            new MissingKeyRingException(
                what + " seals tokens at rest and needs a key ring",
                "set "
                    + PROPERTY
                    + " (its text form, e.g. 1:<32 bytes in base64>), "
                    + FILE_PROPERTY
                    + " (a file holding it), the environment variable "
                    + KeySource.ENVIRONMENT_VARIABLE
                    + " or the file "
                    + KeySource.FILE_NAME
                    + " in the working directory, or define a KeySource bean"
                    + " (e.g. echo \"1:$(openssl rand -base64 32)\" makes a ring)"));
  }

  /**
   * The warning to log when the embedded store keeps its keys in the file beside its database while
   * the app serves a public base URL: fine for development, but there a copy of the data folder (a
   * backup, a volume snapshot) holds both the tokens and the key that opens them.
   */
  public static Optional<String> embeddedKeyFileWarning(
      Optional<KeyRing> configured, Path directory, BaseUrl baseUrl) {
    if (configured.isPresent() || !isPublic(baseUrl)) {
      return Optional.empty();
    }
    return Optional.of(
        "oauth-dropins: the embedded store seals its tokens with the key file "
            + directory.resolve(KeySource.EMBEDDED_FILE_NAME)
            + " beside its database, while the base URL "
            + baseUrl.configured().orElseThrow()
            + " is not loopback: a copy of that folder opens every token. Set "
            + PROPERTY
            + " (or "
            + FILE_PROPERTY
            + ", or the environment variable "
            + KeySource.ENVIRONMENT_VARIABLE
            + ") from a secret store kept apart from the data.");
  }

  private static boolean isPublic(BaseUrl baseUrl) {
    Optional<URI> url = baseUrl.configured();
    return url.isPresent()
        && url.get().getHost() != null
        && !LOOPBACK.contains(url.get().getHost().toLowerCase(Locale.ROOT));
  }
}
