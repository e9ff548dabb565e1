package org.oauthdropins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.internal.secrets.Secrets;

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
   * @throws MissingCredentialsException if only one of the two is configured
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
      throw new MissingCredentialsException(List.of(id.isEmpty() ? idName : secretName));
    }
    return Optional.of(new Credentials(id.get(), secret.get()));
  }

  /**
   * Like {@link #lookup(String, String)}, but missing credentials are an error that names every
   * missing file and its variable.
   *
   * @throws MissingCredentialsException naming both files if neither is configured, else the
   *     missing one
   */
  public static Credentials require(String idName, String secretName) {
    return lookup(idName, secretName)
        .orElseThrow(() -> new MissingCredentialsException(List.of(idName, secretName)));
  }

  /**
   * One credential as {@link #lookup(String, String)} reads it, for an app that gives the other
   * half of a pair elsewhere (the Spring Boot starter's properties).
   *
   * @param fileName the credential's file name, e.g. {@code github_client_secret}
   * @return its value from the environment variable or the file, or empty
   */
  public static Optional<String> find(String fileName) {
    return read(fileName, System.getenv(), Path.of(""));
  }

  /** The environment variable that holds a credential file's value. */
  public static String envName(String fileName) {
    return fileName.toUpperCase(Locale.ROOT).replace('.', '_');
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
