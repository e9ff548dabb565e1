package org.oauthdropins;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a site's stored key id comes from: the user's stable id at the site, from the fetched
 * profile or the token endpoint's answer. Most sites name it in the profile ({@code id}, {@code
 * sub}, Twitter's {@code id_str}); a few only in the answer (WordPress's {@code blog_id}, Flickr's
 * {@code user_nsid}). It must not be something the user can change and another user can later take,
 * such as a user name. One interface for every engine, OAuth 1 and OAuth 2 alike.
 */
@FunctionalInterface
public interface KeyId {

  /**
   * The key id, or null or blank if there is none (the login then fails).
   *
   * @param profile the profile the site's loader fetched
   * @param answer the token endpoint's answer as JSON (OAuth 1: the access-token answer's
   *     parameters), secrets among them: read ids only
   */
  String of(JsonNode profile, JsonNode answer);
}
