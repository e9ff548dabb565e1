package org.oauthdropins.internal;

/**
 * Makes provider or user text safe to put in a log line. A key id, a user name or an error
 * description comes from a server the user named (a hostile Mastodon instance, an IndieAuth site)
 * or from the browser; a CR or LF in it would start a forged log line, and terminal escapes or
 * bidirectional controls would disguise what a line says. Every log line that carries such text
 * passes it through {@link #of(Object)}; messages of the library's exceptions too, since they quote
 * what servers and browsers sent.
 */
public final class LogText {

  /** Longer text is cut: a log line is evidence, not a place to store what a server sent. */
  public static final int MAX = 500;

  private LogText() {}

  /**
   * The value's {@code toString()} with line breaks, control and format characters written as
   * escapes ({@code \n}, {@code \r}, {@code \t}, {@code \}{@code uXXXX}) and a backslash doubled,
   * so an escape in the log always means the character was there; cut at {@link #MAX} characters.
   */
  public static String of(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 16);
    for (int i = 0; i < s.length(); i++) {
      if (b.length() >= MAX) {
        return b.append("...(").append(s.length()).append(" chars)").toString();
      }
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\\' -> b.append("\\\\");
        default -> {
          if (needsEscape(c)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static boolean needsEscape(char c) {
    return switch (Character.getType(c)) {
      // C0 and C1 controls (NEL, ESC), format characters (bidi overrides, zero-width),
      // U+2028 and U+2029, private-use and unassigned characters are all escaped.
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.PRIVATE_USE,
          Character.UNASSIGNED ->
          true;
      default -> false;
    };
  }
}
