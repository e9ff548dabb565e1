package org.oauthdropins;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Identifies a stored auth entity: its kind (e.g. {@code GitHubAuth}) and the site's id for the
 * user (e.g. the GitHub login). {@link #urlsafe()} is the {@code auth_entity} parameter of the
 * finish redirect.
 *
 * @param kind entity kind, letters and digits only
 * @param id the site's user id, any non-empty string
 */
public record Key(String kind, String id) {

  public Key {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (kind.isEmpty() || !kind.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
      throw new IllegalArgumentException("key kind must be letters and digits: " + kind);
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("key id must not be empty");
    }
  }

  /** A URL-safe string form: base64url of {@code kind:id}, without padding. */
  public String urlsafe() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((kind + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses {@link #urlsafe()}.
   *
   * @throws BadRequestException if the string is not a key
   */
  public static Key fromUrlsafe(String urlsafe) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(urlsafe), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequestException("auth_entity is not a valid key");
    }
    int colon = text.indexOf(':');
    try {
      return new Key(text.substring(0, Math.max(colon, 0)), text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("auth_entity is not a valid key");
    }
  }
}
