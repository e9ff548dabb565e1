package org.oauthdropins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.internal.Secrets;

/**
 * An app's client id and secret at a site. {@code toString()} masks the secret.
 *
 * @param clientId the app's id (OAuth 1: consumer key)
 * @param clientSecret the app's secret (OAuth 1: consumer secret); empty for public clients
 */
public record Credentials(String clientId, String clientSecret) {

  /** Makes the value, checking its components. */
  public Credentials {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
  }

  @Override
  public String toString() {
    return "Credentials[clientId="
        + clientId
        + ", clientSecret="
        + Secrets.mask(clientSecret)
        + "]";
  }

  /**
   * Looks credentials up as the Python library does: environment variables first (the file name in
   * upper case, {@code .} as {@code _}: {@code GITHUB_CLIENT_ID}), then files of that name in the
   * working directory ({@code github_client_id}).
   *
   * @param idName file name of the id, e.g. {@code github_client_id}
   * @param secretName file name of the secret, e.g. {@code github_client_secret}
   * @return the credentials, or empty if neither the id nor the secret is configured
   * @throws IllegalStateException if only one of the two is configured
   */
  public static Optional<Credentials> lookup(String idName, String secretName) {
    return lookup(idName, secretName, System.getenv(), Path.of(""));
  }

  /** {@link #lookup(String, String)} with an explicit environment and directory, for tests. */
  public static Optional<Credentials> lookup(
      String idName, String secretName, Map<String, String> env, Path dir) {
    Optional<String> id = read(idName, env, dir);
    Optional<String> secret = read(secretName, env, dir);
    if (id.isEmpty() && secret.isEmpty()) {
      return Optional.empty();
    }
    if (id.isEmpty() || secret.isEmpty()) {
      String missing = id.isEmpty() ? idName : secretName;
      throw new IllegalStateException(missingMessage(missing));
    }
    return Optional.of(new Credentials(id.get(), secret.get()));
  }

  /**
   * Like {@link #lookup(String, String)}, but missing credentials are an error that names the file
   * and the variable to create.
   */
  public static Credentials require(String idName, String secretName) {
    return lookup(idName, secretName)
        .orElseThrow(() -> new IllegalStateException(missingMessage(idName)));
  }

  /** The environment variable that holds a credential file's value. */
  public static String envName(String fileName) {
    return fileName.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static String missingMessage(String name) {
    return "missing credential "
        + name
        + ": set the environment variable "
        + envName(name)
        + " or create the file ./"
        + name;
  }

  private static Optional<String> read(String name, Map<String, String> env, Path dir) {
    String value = env.get(envName(name));
    if (value != null && !value.isBlank()) {
      return Optional.of(value.strip());
    }
    Path file = dir.resolve(name);
    if (Files.isRegularFile(file)) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read credential file " + file, e);
      }
    }
    return Optional.empty();
  }
}
