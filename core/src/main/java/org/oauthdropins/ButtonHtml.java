package org.oauthdropins;

import java.util.Objects;

/**
 * A site's login button as an HTML form posting to its start path: the twin of the Python library's
 * {@code Start.button_html(...)}. Every value is HTML-escaped except {@code formExtra}, which is
 * the app's own markup.
 *
 * @param startPath where the form posts, e.g. {@code /github/start}
 * @param imagePrefix where the button images are served, e.g. {@code /oauth_dropins/}
 * @param outerClasses CSS classes of the form
 * @param scopes extra scopes to ask for (comma-separated), or empty
 * @param formExtra markup added inside the form, trusted
 * @param inputValue the initial value of the site's text input (instance, handle, web site), or
 *     empty
 * @param inputStyle CSS style of that input, or empty
 */
public record ButtonHtml(
    String startPath,
    String imagePrefix,
    String outerClasses,
    String scopes,
    String formExtra,
    String inputValue,
    String inputStyle) {

  /** Makes the value, checking its components. */
  public ButtonHtml {
    Objects.requireNonNull(startPath, "startPath");
    imagePrefix = Objects.requireNonNullElse(imagePrefix, "");
    outerClasses = Objects.requireNonNullElse(outerClasses, "");
    scopes = Objects.requireNonNullElse(scopes, "");
    formExtra = Objects.requireNonNullElse(formExtra, "");
    inputValue = Objects.requireNonNullElse(inputValue, "");
    inputStyle = Objects.requireNonNullElse(inputStyle, "");
  }

  /** A button posting to a start path, with images under {@code imagePrefix}. */
  public static ButtonHtml of(String startPath, String imagePrefix) {
    return new ButtonHtml(startPath, imagePrefix, "", "", "", "", "");
  }

  /** This button with CSS classes on the form. */
  public ButtonHtml outerClasses(String classes) {
    return new ButtonHtml(
        startPath, imagePrefix, classes, scopes, formExtra, inputValue, inputStyle);
  }

  /** This button with an initial value in the site's text input. */
  public ButtonHtml inputValue(String value) {
    return new ButtonHtml(
        startPath, imagePrefix, outerClasses, scopes, formExtra, value, inputStyle);
  }

  /** This button asking for extra scopes. */
  public ButtonHtml scopes(String value) {
    return new ButtonHtml(
        startPath, imagePrefix, outerClasses, value, formExtra, inputValue, inputStyle);
  }

  /** The form for a site. */
  public String render(Site<?> site) {
    Button b = site.button();
    StringBuilder h = new StringBuilder();
    h.append("<form method=\"post\" action=\"")
        .append(Html.escape(startPath))
        .append("\" class=\"oauth-dropins-button ")
        .append(Html.escape(outerClasses))
        .append("\">");
    if (b.input() != null) {
      h.append("<input type=\"text\" name=\"")
          .append(Html.escape(b.input()))
          .append("\" placeholder=\"")
          .append(Html.escape(b.inputPlaceholder()))
          .append("\" value=\"")
          .append(Html.escape(inputValue))
          .append("\" style=\"")
          .append(Html.escape(inputStyle))
          .append("\" required> ");
    }
    h.append("<input type=\"image\" height=\"44\" alt=\"")
        .append(Html.escape(b.label()))
        .append("\" title=\"")
        .append(Html.escape(b.label()))
        .append("\" src=\"")
        .append(Html.escape(imagePrefix + site.name() + ".svg"))
        .append("\">");
    if (!scopes.isEmpty()) {
      h.append("<input name=\"scope\" type=\"hidden\" value=\"")
          .append(Html.escape(scopes))
          .append("\">");
    }
    return h.append(formExtra).append("</form>").toString();
  }
}
