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
 * @param userName where the name the user goes by at the site is (a login, a screen name), for
 *     sites whose key is an immutable id rather than that name, which its owner can change and
 *     someone else can later claim; {@link AuthEntity#userName()} is null without one
 */
public record ProfileFields(String userId, String displayName, String imageUrl, String userName) {

  private static final ProfileFields NONE = new ProfileFields(null, null, null);

  /** Makes the value, checking its components. */
  public ProfileFields {
    check(userId);
    check(displayName);
    check(imageUrl);
    check(userName);
  }

  /** Fields of a site whose key is the user's name, or which has none. */
  public ProfileFields(String userId, String displayName, String imageUrl) {
    this(userId, displayName, imageUrl, null);
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
