package org.oauthdropins;

/** Checks on the paths an app configures, so the library is never an open redirector. */
final class Paths {

  private Paths() {}

  /**
   * Accepts only a root-relative path on this server: {@code /x}, not {@code //host} or {@code
   * /\host}.
   */
  static String requireLocal(String path, String what) {
    if (path == null
        || !path.startsWith("/")
        || path.startsWith("//")
        || path.startsWith("/\\")
        || path.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      throw new IllegalArgumentException(
          what + " must be a path on this server starting with a single /: " + path);
    }
    return path;
  }
}
