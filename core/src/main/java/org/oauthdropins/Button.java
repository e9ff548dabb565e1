package org.oauthdropins;

import java.util.Objects;

/**
 * How a site's login button looks: a label on the site's colour. The button image is an SVG made
 * from these two values, so no image files need to ship.
 *
 * @param label e.g. {@code Sign in with GitHub}
 * @param background CSS colour, e.g. {@code #24292f}
 * @param foreground CSS colour of the label
 * @param input the name of a text input the form needs (instance, handle, web site), or null
 * @param inputPlaceholder placeholder text of that input, or null
 */
public record Button(
    String label, String background, String foreground, String input, String inputPlaceholder) {

  /** Makes the value, checking its components. */
  public Button {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(foreground, "foreground");
  }

  /** A button without a text input. */
  public static Button of(String label, String background, String foreground) {
    return new Button(label, background, foreground, null, null);
  }

  /** The button image. */
  public String svg() {
    int width = 24 + label.length() * 9;
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + width
        + "\" height=\"44\" viewBox=\"0 0 "
        + width
        + " 44\"><rect width=\""
        + width
        + "\" height=\"44\" rx=\"6\" fill=\""
        + Html.escape(background)
        + "\"/><text x=\"50%\" y=\"28\" text-anchor=\"middle\" font-family=\"Helvetica,Arial,"
        + "sans-serif\" font-size=\"16\" fill=\""
        + Html.escape(foreground)
        + "\">"
        + Html.escape(label)
        + "</text></svg>";
  }
}
