package org.oauthdropins.internal;

/** Checks on the paths an app configures, so the library is never an open redirector. */
public final class Paths {

  private Paths() {}

  /**
   * Accepts only a root-relative path on this server: {@code /x}, not {@code //host} or {@code
   * /\host}.
   */
  public static String requireLocal(String path, String what) {
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

  /**
   * The request's context path, normalised to empty or {@code /segment[/segment...]} without a
   * trailing slash. An adapter reports it from the container, but it still becomes part of URLs the
   * library sends, so anything that could make one point elsewhere ({@code //host}, a backslash, a
   * control character) is refused.
   */
  public static String contextPath(org.oauthdropins.web.WebRequest request) {
    String path = request.contextPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return "";
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    requireLocal(trimmed, "context path");
    if (trimmed.contains("\\") || trimmed.contains("?") || trimmed.contains("#")) {
      throw new IllegalArgumentException("context path is not a plain path: " + path);
    }
    return trimmed;
  }
}
