package org.oauthdropins.internal.input;

import java.util.Enumeration;

/**
 * Reads cookies by name straight from a {@code Cookie} request header ({@code name=value} pairs
 * separated by {@code ;}, RFC 6265 §4.2.1), in one pass and without building a cookie per pair.
 *
 * <p>Why adapters use it instead of their container's cookie API: the library asks for two or three
 * cookies per request, each a few hundred bytes of base64url, and containers parse every byte of
 * the header into cookie objects first (Jetty's RFC 6265 parser was about 4% of the benchmark app's
 * CPU). Every value the library reads this way is checked afterwards (sealed, signed or of a fixed
 * form), so this reader needs no more strictness than finding the right pair.
 */
public final class CookieHeader {

  private CookieHeader() {}

  /** Receives the pairs of a header in the order sent; answers false to stop. */
  @FunctionalInterface
  public interface Visitor {
    boolean visit(String name, String value);
  }

  /**
   * The value of the first cookie of this name in the header, or null. A value in double quotes
   * (which RFC 6265 allows) comes without them, as containers hand it over.
   *
   * @param header the header's value, or null if none was sent
   */
  public static String value(String header, String name) {
    String[] found = new String[1];
    forEach(
        header,
        (n, v) -> {
          if (n.equals(name)) {
            found[0] = v;
            return false;
          }
          return true;
        });
    return found[0];
  }

  /**
   * The value of the first cookie of this name in any of the headers, in the order sent: HTTP/2
   * lets a browser split its cookies over several {@code Cookie} headers (RFC 9113 §8.2.3).
   *
   * @param headers every {@code Cookie} header of the request, as a servlet container enumerates
   *     them; null or empty if none was sent
   */
  public static String valueIn(Enumeration<String> headers, String name) {
    while (headers != null && headers.hasMoreElements()) {
      String value = value(headers.nextElement(), name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /**
   * Hands each {@code name=value} pair of the header to the visitor, names and values without the
   * surrounding spaces; a pair without {@code =} or with an empty name is skipped.
   *
   * @param header the header's value, or null if none was sent
   */
  public static void forEach(String header, Visitor visitor) {
    if (header == null) {
      return;
    }
    int i = 0;
    int length = header.length();
    while (i < length) {
      int end = header.indexOf(';', i);
      if (end < 0) {
        end = length;
      }
      int eq = i;
      while (eq < end && header.charAt(eq) != '=') {
        eq++; // not indexOf: a pair without '=' must not send the search through the rest
      }
      if (eq < end) {
        int nameStart = skipSpace(header, i, eq);
        int nameEnd = trimSpace(header, nameStart, eq);
        if (nameEnd > nameStart) {
          int valueStart = skipSpace(header, eq + 1, end);
          int valueEnd = trimSpace(header, valueStart, end);
          if (valueEnd - valueStart >= 2
              && header.charAt(valueStart) == '"'
              && header.charAt(valueEnd - 1) == '"') {
            valueStart++;
            valueEnd--;
          }
          if (!visitor.visit(
              header.substring(nameStart, nameEnd), header.substring(valueStart, valueEnd))) {
            return;
          }
        }
      }
      i = end + 1;
    }
  }

  private static int skipSpace(String s, int from, int to) {
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    return from;
  }

  private static int trimSpace(String s, int from, int to) {
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
