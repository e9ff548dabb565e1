package org.oauthdropins.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.oauthdropins.internal.http.Json;

/**
 * What a fake answers.
 *
 * @param status HTTP status
 * @param contentType content type
 * @param body body text
 * @param headers extra headers, in order; a name may repeat (Set-Cookie)
 */
public record FakeResponse(
    int status, String contentType, String body, List<Map.Entry<String, String>> headers) {

  /** Makes the value, checking its components. */
  public FakeResponse {
    headers = List.copyOf(headers);
  }

  /** A JSON answer. */
  public static FakeResponse json(int status, Object json) {
    return new FakeResponse(status, "application/json", Json.write(json), List.of());
  }

  /** A plain-text answer. */
  public static FakeResponse text(int status, String body) {
    return new FakeResponse(status, "text/plain; charset=utf-8", body, List.of());
  }

  /** An HTML page. */
  public static FakeResponse html(String body) {
    return new FakeResponse(200, "text/html; charset=utf-8", body, List.of());
  }

  /** A form-encoded answer, as OAuth 1 sites and GitHub by default send. */
  public static FakeResponse form(String body) {
    return new FakeResponse(200, "application/x-www-form-urlencoded", body, List.of());
  }

  /** A 302 redirect. */
  public static FakeResponse redirect(String location) {
    return new FakeResponse(302, "text/plain", "", List.of(Map.entry("Location", location)));
  }

  /** This answer with one more header. */
  public FakeResponse header(String name, String value) {
    List<Map.Entry<String, String>> h = new ArrayList<>(headers);
    h.add(Map.entry(name, value));
    return new FakeResponse(status, contentType, body, h);
  }
}
