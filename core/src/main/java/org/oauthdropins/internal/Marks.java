package org.oauthdropins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The sites' marks for their buttons, shipped as SVG files of the project's own drawing under
 * {@code org/oauthdropins/marks/}: simple shapes after each provider's button guidelines (Google's
 * four-colour G, Microsoft's four squares, Apple's apple, GitHub's cat), not the providers' files.
 */
public final class Marks {

  private Marks() {}

  /**
   * The mark of this name, e.g. {@code google}, as an SVG document.
   *
   * @throws IllegalStateException if the library ships no such mark (a build mistake)
   */
  public static String load(String name) {
    String path = "/org/oauthdropins/marks/" + name + ".svg";
    try (InputStream in = Marks.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no button mark " + path + " in the library's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
