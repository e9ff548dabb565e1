package org.oauthdropins.engine.oauth1;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.oauthdropins.internal.http.Form;

/**
 * The RFC 5849 signature: percent-encoding (§3.6), the signature base string (§3.4.1), HMAC-SHA1
 * (§3.4.2) and the {@code Authorization: OAuth} header (§3.5.1). Clients sign with it (through
 * {@link OAuth1Signer}) and fake servers verify with it, each collecting parameters from the
 * request as it is on the wire.
 */
public final class OAuth1 {

  /** The only signature method the supported sites accept. */
  public static final String HMAC_SHA1 = "HMAC-SHA1";

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final Pattern HEADER_ITEM =
      Pattern.compile("\\s*([^=\\s,]+)\\s*=\\s*\"([^\"]*)\"\\s*(?:,|$)");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private OAuth1() {}

  /**
   * One request parameter. Names repeat (RFC 5849 §3.4.1.3.1 keeps every one).
   *
   * @param name decoded name
   * @param value decoded value, empty when none was given
   */
  public record Param(String name, String value) {}

  /**
   * Percent-encodes per §3.6: the UTF-8 bytes, with only {@code A-Z a-z 0-9 - . _ ~} left as they
   * are and everything else as upper-case {@code %XX}. Not {@link java.net.URLEncoder}, which
   * writes a space as {@code +} and leaves {@code *} alone.
   */
  public static String encode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length + 16);
    for (byte x : bytes) {
      int c = x & 0xff;
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
    return b.toString();
  }

  /**
   * Undoes percent-encoding, as in the Authorization header; a {@code +} stays a {@code +}.
   *
   * @throws IllegalArgumentException if an escape is malformed
   */
  public static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("malformed percent-encoding");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("malformed percent-encoding");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a query string or form body into every pair, in order, as §3.4.1.3.1 reads them: form
   * decoding ({@code +} is a space), and a name without {@code =} has an empty value.
   *
   * @throws IllegalArgumentException if an escape is malformed
   */
  public static List<Param> formDecode(String text) {
    List<Param> out = new ArrayList<>();
    Form.forEachPair(text, (name, value) -> out.add(new Param(name, value)));
    return out;
  }

  /**
   * The base string URI (§3.4.1.2): scheme and host in lower case, the port only when it is not the
   * scheme's default, the path as sent, no query or fragment.
   */
  public static String baseStringUri(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("URI has no host: " + uri);
    }
    StringBuilder b = new StringBuilder(scheme).append("://").append(host.toLowerCase(Locale.ROOT));
    int port = uri.getPort();
    if (port != -1
        && !(port == 80 && scheme.equals("http"))
        && !(port == 443 && scheme.equals("https"))) {
      b.append(':').append(port);
    }
    String path = uri.getRawPath();
    return b.append(path == null || path.isEmpty() ? "/" : path).toString();
  }

  /**
   * Normalizes parameters (§3.4.1.3.2): each name and value encoded, sorted by encoded name and
   * then encoded value in byte order, joined as {@code name=value} with {@code &}.
   */
  public static String normalize(List<Param> params) {
    List<String[]> encoded = new ArrayList<>(params.size());
    for (Param p : params) {
      encoded.add(new String[] {encode(p.name()), encode(p.value())});
    }
    // Encoded strings are ASCII, so String order is byte order.
    encoded.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
    StringJoiner j = new StringJoiner("&");
    for (String[] e : encoded) {
      j.add(e[0] + "=" + e[1]);
    }
    return j.toString();
  }

  /**
   * The signature base string (§3.4.1.1).
   *
   * @param method the HTTP method
   * @param uri the request URL; its query is not read here, so include it in {@code params}
   * @param params every signed parameter, without {@code oauth_signature} and {@code realm}
   */
  public static String baseString(String method, URI uri, List<Param> params) {
    return method.toUpperCase(Locale.ROOT)
        + "&"
        + encode(baseStringUri(uri))
        + "&"
        + encode(normalize(params));
  }

  /** HMAC-SHA1 of a base string (§3.4.2), base64 with padding. */
  public static String hmacSha1(String baseString, String consumerSecret, String tokenSecret) {
    String key = encode(consumerSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  /**
   * The parameters a request is signed over (§3.4.1.3.1): the query; the Authorization header's
   * {@code oauth_*} items except {@code oauth_signature} (and never {@code realm}); and the body,
   * only when it is a single-part form sent as {@code application/x-www-form-urlencoded}.
   *
   * @param uri the request URL
   * @param authorization the Authorization header, or null
   * @param contentType the Content-Type header, or null
   * @param body the body, or null
   * @throws IllegalArgumentException if the query, header or body is malformed
   */
  public static List<Param> signedParams(
      URI uri, String authorization, String contentType, byte[] body) {
    List<Param> out = new ArrayList<>(formDecode(uri.getRawQuery()));
    if (authorization != null) {
      parseAuthorization(authorization)
          .forEach(
              (k, v) -> {
                if (k.startsWith("oauth_") && !k.equals("oauth_signature")) {
                  out.add(new Param(k, v));
                }
              });
    }
    if (isForm(contentType) && body != null && body.length > 0) {
      out.addAll(formDecode(new String(body, StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** Whether a Content-Type is the form encoding whose body parameters are signed. */
  public static boolean isForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
    return type.equalsIgnoreCase(FORM);
  }

  /** Writes {@code Authorization: OAuth} (§3.5.1), items in the given order, all encoded. */
  public static String authorizationHeader(Map<String, String> params) {
    StringJoiner j = new StringJoiner(", ", "OAuth ", "");
    params.forEach((k, v) -> j.add(encode(k) + "=\"" + encode(v) + "\""));
    return j.toString();
  }

  /**
   * Reads {@code Authorization: OAuth} (§3.5.1) into decoded items, {@code realm} included.
   *
   * @throws IllegalArgumentException if it is not an OAuth header, is malformed, or repeats a
   *     parameter (§3.1 forbids it)
   */
  public static Map<String, String> parseAuthorization(String header) {
    String h = header.strip();
    if (!h.regionMatches(true, 0, "OAuth ", 0, 6)) {
      throw new IllegalArgumentException("not an OAuth Authorization header");
    }
    String rest = h.substring(6);
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = HEADER_ITEM.matcher(rest);
    int at = 0;
    // Each item must start where the last ended: lookingAt on the rest is anchored there, while
    // find(at) would try every later position too, quadratic on a long malformed header.
    while (at < rest.length() && m.region(at, rest.length()).lookingAt()) {
      String name = decode(m.group(1));
      if (out.put(name, decode(m.group(2))) != null) {
        throw new IllegalArgumentException("repeated parameter " + name);
      }
      at = m.end();
    }
    if (!rest.substring(at).isBlank()) {
      throw new IllegalArgumentException("malformed OAuth Authorization header");
    }
    return out;
  }
}
