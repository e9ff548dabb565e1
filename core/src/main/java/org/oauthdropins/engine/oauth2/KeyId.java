package org.oauthdropins.engine.oauth2;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a site's stored key id comes from: the user's stable id at the site, from the token
 * response and the fetched profile. Most sites name it in the profile ({@code id}, {@code sub}); a
 * few only in the token response (WordPress's {@code blog_id}). It must not be something the user
 * can change and another user can later take, such as a user name.
 */
@FunctionalInterface
public interface KeyId {

  /**
   * The key id, or null or blank if there is none (the login then fails).
   *
   * @param token the token response of this login
   * @param profile the profile the site's {@link ProfileLoader} fetched
   */
  String of(TokenResponse token, JsonNode profile);
}
