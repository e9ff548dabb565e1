package org.oauthdropins.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code application/x-www-form-urlencoded}, as HTML forms and OAuth 2 (RFC 6749 App. B) use it.
 */
public final class Form {

  private Form() {}

  /** Encodes one name or value. */
  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Encodes parameters in their iteration order; null values are left out. */
  public static String encode(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    params.forEach(
        (k, v) -> {
          if (v != null) {
            j.add(encode(k) + "=" + encode(v));
          }
        });
    return j.toString();
  }

  /**
   * Decodes a query string or form body; the first value of a repeated name wins.
   *
   * @throws IllegalArgumentException if a {@code %} escape is malformed: callers reading another
   *     party's answer must turn that into their own refusal
   */
  public static Map<String, String> decode(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
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
