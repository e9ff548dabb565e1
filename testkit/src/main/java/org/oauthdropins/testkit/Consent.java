package org.oauthdropins.testkit;

import java.util.Map;
import org.oauthdropins.Html;

/**
 * The consent page every fake shows: a plain HTML form with Approve and Deny buttons, which a
 * person, a browser test and a script can all submit. It posts every parameter it was given back to
 * the same path, plus {@code decision}.
 */
public final class Consent {

  private Consent() {}

  /**
   * The page.
   *
   * @param site the site's display name
   * @param user who is "logged in" at the fake
   * @param action the path to post to
   * @param params the parameters to carry along
   */
  public static FakeResponse page(
      String site, String user, String action, Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(site))
        .append(" (fake): authorize</title></head><body>")
        .append("<h1>")
        .append(Html.escape(site))
        .append(" sandbox</h1><p>Signed in as <b>")
        .append(Html.escape(user))
        .append("</b>. An app asks to use your account.</p>");
    String scope = params.getOrDefault("scope", "");
    if (!scope.isBlank()) {
      // What a real consent page lists, so a person trying the sandbox sees the scopes arrive.
      b.append("<p>It asks for <code id=\"scope\">")
          .append(Html.escape(scope))
          .append("</code>.</p>");
    }
    b.append("<form method=\"post\" action=\"").append(Html.escape(action)).append("\">");
    params.forEach(
        (k, v) ->
            b.append("<input type=\"hidden\" name=\"")
                .append(Html.escape(k))
                .append("\" value=\"")
                .append(Html.escape(v))
                .append("\">"));
    b.append(
            "<button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Approve</button> ")
        .append(
            "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button>")
        .append("</form></body></html>");
    return FakeResponse.html(b.toString());
  }
}
