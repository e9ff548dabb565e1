package org.oauthdropins;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * Where a site's profile JSON keeps the user's id, name and picture, as JSON Pointers (RFC 6901,
 * e.g. {@code /data/name}), so that a site that only looks fields up states them as data instead of
 * overriding {@link AuthEntity}. A null pointer means the site has no such field. The pointers are
 * checked when the value is made, so a typo fails when the site is built, not at a login.
 *
 * @param userId where the user's id is; {@link AuthEntity#userId()} falls back to the key id
 * @param displayName where the name to show is; {@link AuthEntity#userDisplayName()} falls back to
 *     the key id
 * @param imageUrl where the picture's URL is; {@link AuthEntity#imageUrl()} is null without one
 */
public record ProfileFields(String userId, String displayName, String imageUrl) {

  private static final ProfileFields NONE = new ProfileFields(null, null, null);

  public ProfileFields {
    check(userId);
    check(displayName);
    check(imageUrl);
  }

  /** No fields: every lookup falls back. */
  public static ProfileFields none() {
    return NONE;
  }

  private static void check(String pointer) {
    if (pointer != null) {
      // Throws IllegalArgumentException for a malformed pointer.
      JsonPointer.compile(pointer);
      if (pointer.isEmpty()) {
        throw new IllegalArgumentException("a profile field names a field, not the whole profile");
      }
    }
  }
}
