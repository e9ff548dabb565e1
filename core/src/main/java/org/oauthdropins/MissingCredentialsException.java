package org.oauthdropins;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Credentials an app must give and did not: thrown by {@link Credentials} for a pair with one or
 * both halves missing. It lists every missing credential file at once, with the environment
 * variable that may hold it instead, so that one start of the app says all that is missing.
 */
public final class MissingCredentialsException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** The credential file names, e.g. {@code github_client_secret}. */
  private final List<String> files;

  /**
   * Makes the error.
   *
   * @param files the missing credentials' file names, e.g. {@code github_client_secret}
   */
  public MissingCredentialsException(List<String> files) {
    super(message(files));
    this.files = List.copyOf(files);
  }

  /** The missing credentials' file names; {@link Credentials#envName} gives each's variable. */
  public List<String> files() {
    return files;
  }

  /** How to give one credential: its environment variable or its file. */
  static String howToGive(String file) {
    return "set the environment variable "
        + Credentials.envName(file)
        + " or create the file ./"
        + file;
  }

  private static String message(List<String> files) {
    return files.stream()
        .map(f -> "missing credential " + f + ": " + howToGive(f))
        .collect(Collectors.joining("; "));
  }
}
