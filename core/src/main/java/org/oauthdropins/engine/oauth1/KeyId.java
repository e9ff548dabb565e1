package org.oauthdropins.engine.oauth1;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Where an OAuth 1 site's stored key id comes from: the user's stable id, from the profile
 * (Twitter's {@code id_str}, Tumblr's primary blog) or from the access-token answer (Flickr's
 * {@code user_nsid}).
 */
@FunctionalInterface
public interface KeyId {

  /**
   * The key id, or null or blank if there is none (the login then fails).
   *
   * @param profile the fetched profile
   * @param access the access-token answer's parameters, secrets among them: read ids only
   */
  String of(JsonNode profile, Map<String, String> access);
}
