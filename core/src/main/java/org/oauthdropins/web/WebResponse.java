package org.oauthdropins.web;

import java.util.List;
import java.util.Map;

/**
 * What a handler wants sent back to the browser. Adapters render it; core never writes to a socket.
 */
public sealed interface WebResponse {

  /**
   * Headers that every adapter sends with every login response: never cached, never leaking the
   * callback URL (with its code) to other sites through {@code Referer}, and error pages, which
   * echo input as plain text, never sniffed into HTML.
   */
  Map<String, String> HEADERS =
      Map.of(
          "Cache-Control", "no-store",
          "Referrer-Policy", "no-referrer",
          "X-Content-Type-Options", "nosniff");

  /** Cookies to set with this response. */
  List<Cookie> cookies();

  /** HTTP status code. */
  int status();

  /**
   * A 302 redirect.
   *
   * @param location the absolute or root-relative URL to send the browser to
   * @param cookies cookies to set
   */
  record Redirect(String location, List<Cookie> cookies) implements WebResponse {
    /** Makes the value, checking its components. */
    public Redirect {
      cookies = List.copyOf(cookies);
    }

    @Override
    public int status() {
      return 302;
    }

    @Override
    public String toString() {
      // A finish URL may carry tokens (an app's opt-in) and an authorize URL a state: no query.
      int q = location.indexOf('?');
      return "Redirect[" + (q < 0 ? location : location.substring(0, q) + "?...") + "]";
    }
  }

  /**
   * A page or plain-text answer.
   *
   * @param status HTTP status code
   * @param contentType e.g. {@code text/plain; charset=utf-8}
   * @param body the body text
   * @param cookies cookies to set
   */
  record Page(int status, String contentType, String body, List<Cookie> cookies)
      implements WebResponse {
    /** Makes the value, checking its components. */
    public Page {
      cookies = List.copyOf(cookies);
    }

    /** A plain-text answer, the form every error takes. */
    public static Page text(int status, String body) {
      return new Page(status, "text/plain; charset=utf-8", body, List.of());
    }
  }
}
