package org.oauthdropins;

import java.util.Objects;

/**
 * How a site's login button looks: a label on the site's colour, with the site's mark and an
 * outline where the site's button guidelines ask for them (Google's light button is white with a
 * grey outline and the four-colour G, so it does not vanish into a white page). The button image is
 * an SVG made from these values, so no image files need to ship.
 *
 * @param label e.g. {@code Sign in with GitHub}
 * @param background CSS colour, e.g. {@code #24292f}
 * @param foreground CSS colour of the label
 * @param input the name of a text input the form needs (instance, handle, web site), or null
 * @param inputPlaceholder placeholder text of that input, or null
 * @param border CSS colour of a 1px outline, or null for none
 * @param mark the site's mark, drawn left of the label: an SVG document ({@code <svg ...
 *     viewBox="...">...</svg>}) with a square view box, trusted markup; or null for a label alone
 */
public record Button(
    String label,
    String background,
    String foreground,
    String input,
    String inputPlaceholder,
    String border,
    String mark) {

  private static final int HEIGHT = 44;
  private static final int PAD = 14;
  private static final int MARK = 20;
  private static final int GAP = 10;
  private static final int FONT = 15;

  /** Makes the value, checking its components. */
  public Button {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(foreground, "foreground");
    if (mark != null && !mark.stripLeading().startsWith("<svg")) {
      throw new IllegalArgumentException("a button's mark is an SVG document: <svg ...>...</svg>");
    }
  }

  /** A button with a text input, without outline or mark. */
  public Button(
      String label, String background, String foreground, String input, String inputPlaceholder) {
    this(label, background, foreground, input, inputPlaceholder, null, null);
  }

  /** A button without a text input. */
  public static Button of(String label, String background, String foreground) {
    return new Button(label, background, foreground, null, null);
  }

  /** This button with a 1px outline of this CSS colour. */
  public Button withBorder(String colour) {
    return new Button(label, background, foreground, input, inputPlaceholder, colour, mark);
  }

  /** This button with the site's mark left of its label: an SVG document, see {@link #mark}. */
  public Button withMark(String svg) {
    return new Button(label, background, foreground, input, inputPlaceholder, border, svg);
  }

  /** The button image. */
  public String svg() {
    // A rough width for a sans-serif label; the label is centred in its space, so an error in the
    // estimate spreads evenly to both sides instead of clipping one.
    int text = (int) Math.ceil(label.length() * FONT * 0.5);
    int left = mark == null ? PAD : PAD + MARK + GAP;
    int width = left + text + PAD;
    StringBuilder s = new StringBuilder(1024);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(HEIGHT)
        .append("\">");
    // The outline is drawn inside the image's edge, so it is never cut off.
    double inset = border == null ? 0 : 0.5;
    s.append("<rect x=\"")
        .append(inset)
        .append("\" y=\"")
        .append(inset)
        .append("\" width=\"")
        .append(width - 2 * inset)
        .append("\" height=\"")
        .append(HEIGHT - 2 * inset)
        .append("\" rx=\"4\" fill=\"")
        .append(Html.escape(background))
        .append('"');
    if (border != null) {
      s.append(" stroke=\"").append(Html.escape(border)).append("\" stroke-width=\"1\"");
    }
    s.append("/>");
    if (mark != null) {
      // The mark's own <svg> becomes a nested viewport: its view box scales it into the square.
      int top = (HEIGHT - MARK) / 2;
      s.append(
          mark.stripLeading()
              .replaceFirst(
                  "^<svg",
                  "<svg x=\""
                      + PAD
                      + "\" y=\""
                      + top
                      + "\" width=\""
                      + MARK
                      + "\" height=\""
                      + MARK
                      + "\""));
    }
    s.append("<text x=\"")
        .append(left + text / 2.0)
        .append("\" y=\"")
        .append(HEIGHT / 2 + 5)
        .append("\" text-anchor=\"middle\" font-family=\"Roboto,'Segoe UI',Helvetica,Arial,")
        .append("sans-serif\" font-weight=\"500\" font-size=\"")
        .append(FONT)
        .append("\" fill=\"")
        .append(Html.escape(foreground))
        .append("\">")
        .append(Html.escape(label))
        .append("</text></svg>");
    return s.toString();
  }
}
