package org.oauthdropins;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A site's login button as an HTML form posting to its start path: the twin of the Python library's
 * {@code Start.button_html(...)}, with its options as one value. Start from {@link #of} and set
 * only the options you need, each a copy:
 *
 * <pre>{@code
 * ButtonHtml.of("/bluesky/start", "/oauth_dropins/")
 *     .outerClasses("col-md-3")
 *     .knownUser("alice.bsky.social")
 *     .render(bluesky);
 * }</pre>
 *
 * Every value is HTML-escaped except {@code formExtra}, which is the app's own markup (unlike the
 * Python library, which escapes nothing).
 *
 * @param startPath where the form posts, e.g. {@code /github/start}
 * @param imagePrefix where the button images are served, e.g. {@code /oauth_dropins/}
 * @param formClasses CSS classes of the form, besides {@code oauth-dropins-button}
 * @param outerClasses CSS classes of a {@code div} around the form; without them, no {@code div}
 * @param formExtra markup added inside the form before the image, trusted (not escaped)
 * @param imageFile another image than the site's {@code <site>.svg}: a file name under {@code
 *     imagePrefix}, or a path or URL of its own; empty for the site's
 * @param inputStyle CSS style of the image input, e.g. the Python library's {@code
 *     background-color: #EEEEEE; padding: 10px}; empty for none
 * @param scopes extra scopes to ask for, comma- or space-separated, sent as the form's {@code
 *     scope} (the start handler checks them, see {@link Start.Builder#allowedScopes}); empty for
 *     none
 * @param inputValue the initial value of the site's text input (instance, handle, web site); empty
 *     for none
 * @param knownUser a user who logged in before: the site's input (Bluesky's handle, a Mastodon
 *     instance, an IndieAuth web site) rides hidden with this value, so they re-authorise with one
 *     click, as with the Python library's Bluesky {@code handle=}; empty for a text input
 */
public record ButtonHtml(
    String startPath,
    String imagePrefix,
    String formClasses,
    String outerClasses,
    String formExtra,
    String imageFile,
    String inputStyle,
    String scopes,
    String inputValue,
    String knownUser) {

  /** Makes the value, checking its components; a null option is an empty one. */
  public ButtonHtml {
    Objects.requireNonNull(startPath, "startPath");
    imagePrefix = Objects.requireNonNullElse(imagePrefix, "");
    formClasses = Objects.requireNonNullElse(formClasses, "");
    outerClasses = Objects.requireNonNullElse(outerClasses, "");
    formExtra = Objects.requireNonNullElse(formExtra, "");
    imageFile = Objects.requireNonNullElse(imageFile, "");
    inputStyle = Objects.requireNonNullElse(inputStyle, "");
    scopes = Objects.requireNonNullElse(scopes, "");
    inputValue = Objects.requireNonNullElse(inputValue, "");
    knownUser = Objects.requireNonNullElse(knownUser, "");
  }

  /** A button posting to a start path, with images under {@code imagePrefix}, no options. */
  public static ButtonHtml of(String startPath, String imagePrefix) {
    return new ButtonHtml(startPath, imagePrefix, "", "", "", "", "", "", "", "");
  }

  /** This button with CSS classes on the form (Python's {@code form_classes}). */
  public ButtonHtml formClasses(String classes) {
    return with(p -> p.formClasses = classes);
  }

  /** This button inside a {@code div} with these CSS classes (Python's {@code outer_classes}). */
  public ButtonHtml outerClasses(String classes) {
    return with(p -> p.outerClasses = classes);
  }

  /**
   * This button with the app's own markup inside the form (Python's {@code form_extra}), e.g. a
   * hidden {@code state} input or a CSRF token. Not escaped: never put user input in it unescaped.
   */
  public ButtonHtml formExtra(String markup) {
    return with(p -> p.formExtra = markup);
  }

  /** This button with another image (Python's {@code image_file}). */
  public ButtonHtml imageFile(String file) {
    return with(p -> p.imageFile = file);
  }

  /** This button with a CSS style on its image input (Python's {@code input_style}). */
  public ButtonHtml inputStyle(String style) {
    return with(p -> p.inputStyle = style);
  }

  /** This button asking for extra scopes, comma- or space-separated (Python's {@code scopes}). */
  public ButtonHtml scopes(String value) {
    return with(p -> p.scopes = value);
  }

  /** This button with an initial value in the site's text input. */
  public ButtonHtml inputValue(String value) {
    return with(p -> p.inputValue = value);
  }

  /**
   * This button for a user who logged in before (Python's Bluesky {@code handle}): the site's input
   * rides hidden with this value instead of a text input.
   */
  public ButtonHtml knownUser(String value) {
    return with(p -> p.knownUser = value);
  }

  /** A copy of this button with one option changed: each option's wither says which. */
  private ButtonHtml with(Consumer<Parts> change) {
    Parts p = new Parts(this);
    change.accept(p);
    return new ButtonHtml(
        startPath,
        imagePrefix,
        p.formClasses,
        p.outerClasses,
        p.formExtra,
        p.imageFile,
        p.inputStyle,
        p.scopes,
        p.inputValue,
        p.knownUser);
  }

  /** The options of a button being copied. */
  private static final class Parts {
    String formClasses;
    String outerClasses;
    String formExtra;
    String imageFile;
    String inputStyle;
    String scopes;
    String inputValue;
    String knownUser;

    Parts(ButtonHtml b) {
      formClasses = b.formClasses;
      outerClasses = b.outerClasses;
      formExtra = b.formExtra;
      imageFile = b.imageFile;
      inputStyle = b.inputStyle;
      scopes = b.scopes;
      inputValue = b.inputValue;
      knownUser = b.knownUser;
    }
  }

  /**
   * The form for a site.
   *
   * @throws IllegalArgumentException if a {@link #knownUser} is set for a site that asks for no
   *     input, which could not use it
   */
  public String render(Site<?> site) {
    Button b = site.button();
    if (!knownUser.isEmpty() && b.input() == null) {
      throw new IllegalArgumentException(
          "site " + site.name() + " asks for no handle, instance or web site: no known user");
    }
    StringBuilder h = new StringBuilder(512);
    if (!outerClasses.isEmpty()) {
      h.append("<div class=\"").append(Html.escape(outerClasses)).append("\">");
    }
    h.append("<form method=\"post\" action=\"")
        .append(Html.escape(startPath))
        .append("\" class=\"oauth-dropins-button");
    if (!formClasses.isEmpty()) {
      h.append(' ').append(Html.escape(formClasses));
    }
    h.append("\">");
    String title = b.label();
    if (b.input() != null && !knownUser.isEmpty()) {
      h.append(Html.hidden(b.input(), knownUser));
      title = b.label() + " as " + knownUser;
    } else if (b.input() != null) {
      h.append("<input type=\"text\" name=\"")
          .append(Html.escape(b.input()))
          .append("\" placeholder=\"")
          .append(Html.escape(b.inputPlaceholder()))
          .append("\" value=\"")
          .append(Html.escape(inputValue))
          .append("\" required> ");
    }
    h.append(formExtra);
    h.append("<input type=\"image\" height=\"44\" alt=\"")
        .append(Html.escape(title))
        .append("\" title=\"")
        .append(Html.escape(title))
        .append("\" src=\"")
        .append(Html.escape(image(site)))
        .append('"');
    if (!inputStyle.isEmpty()) {
      h.append(" style=\"").append(Html.escape(inputStyle)).append('"');
    }
    h.append('>');
    if (!scopes.isEmpty()) {
      h.append(Html.hidden("scope", scopes));
    }
    h.append("</form>");
    if (!outerClasses.isEmpty()) {
      h.append("</div>");
    }
    return h.toString();
  }

  private String image(Site<?> site) {
    if (imageFile.isEmpty()) {
      return imagePrefix + site.name() + ".svg";
    }
    // As Python's urljoin(image_prefix, image_file): a path or URL of its own stands alone.
    boolean own = imageFile.startsWith("/") || imageFile.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    return own ? imageFile : imagePrefix + imageFile;
  }
}
