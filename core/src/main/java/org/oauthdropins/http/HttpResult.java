package org.oauthdropins.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.oauthdropins.internal.http.Json;

/**
 * A response to an {@link HttpCall}.
 *
 * @param status the status code
 * @param uri the URL that answered
 * @param headers header names in lower case, with their values
 * @param body the body bytes, at most the transport's size limit
 */
public record HttpResult(int status, URI uri, Map<String, List<String>> headers, byte[] body) {

  /** Makes the value, checking its components. */
  public HttpResult {
    headers = Map.copyOf(headers);
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON; an {@link IllegalArgumentException} if it is not. */
  public JsonNode json() {
    return Json.parse(text());
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Whether the status is 2xx. */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  @Override
  public String toString() {
    // The URL's query may carry a code or a token (a redirect to a callback): see HttpCall#shown.
    return "HttpResult[" + status + " " + HttpCall.shown(uri) + ", " + body.length + " bytes]";
  }
}
