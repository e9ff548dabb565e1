package org.oauthdropins.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@code application/x-www-form-urlencoded}, as HTML forms and OAuth 2 (RFC 6749 App. B) use it.
 */
public final class Form {

  private Form() {}

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * Encodes one name or value, exactly as {@link java.net.URLEncoder#encode(String,
   * java.nio.charset.Charset) URLEncoder} does with UTF-8, which was 12% of the library's own time
   * per login (JMH {@code LoginBench}, JFR): it copies every string through a writer even when
   * nothing needs encoding, as states, verifiers and ids never do.
   */
  public static String encode(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && unreserved(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder b = new StringBuilder(n + 16);
    encodeInto(b, s, i);
    return b.toString();
  }

  /** Encodes parameters in their iteration order; null values are left out. */
  public static String encode(Map<String, String> params) {
    StringBuilder b = new StringBuilder(64 * params.size());
    params.forEach(
        (k, v) -> {
          if (v != null) {
            if (b.length() > 0) {
              b.append('&');
            }
            encodeInto(b, k, 0);
            b.append('=');
            encodeInto(b, v, 0);
          }
        });
    return b.toString();
  }

  /** The characters URLEncoder leaves as they are. */
  private static boolean unreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '*';
  }

  /** Appends {@code s} from {@code from} on, encoded; the part before is appended as it is. */
  private static void encodeInto(StringBuilder b, String s, int from) {
    b.append(s, 0, from);
    int n = s.length();
    int i = from;
    while (i < n) {
      char c = s.charAt(i);
      if (unreserved(c)) {
        b.append(c);
        i++;
      } else if (c == ' ') {
        b.append('+');
        i++;
      } else {
        // A run of characters to escape, encoded together so that surrogate pairs stay whole
        // (URLEncoder does the same; a lone surrogate becomes '?', as there).
        int end = i + 1;
        while (end < n && !unreserved(s.charAt(end)) && s.charAt(end) != ' ') {
          end++;
        }
        for (byte x : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          b.append('%').append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
        }
        i = end;
      }
    }
  }

  /**
   * Decodes a query string or form body; the first value of a repeated name wins.
   *
   * @throws IllegalArgumentException if a {@code %} escape is malformed: callers reading another
   *     party's answer must turn that into their own refusal
   */
  public static Map<String, String> decode(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    forEachPair(text, out::putIfAbsent);
    return out;
  }

  /**
   * Hands every decoded pair of a query string or form body to {@code each}, in order: form
   * decoding ({@code +} is a space), empty pairs skipped, a name without {@code =} has an empty
   * value (the reading of RFC 5849 §3.4.1.3.1 and of the URL Standard's form parser).
   *
   * @throws IllegalArgumentException if a {@code %} escape is malformed
   */
  public static void forEachPair(String text, BiConsumer<String, String> each) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      each.accept(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
  }

  /** Appends parameters to a URL that may already have a query. */
  public static String appendQuery(String url, Map<String, String> params) {
    String query = encode(params);
    if (query.isEmpty()) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + query;
  }
}
