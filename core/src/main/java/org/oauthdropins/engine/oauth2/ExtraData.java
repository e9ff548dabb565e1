package org.oauthdropins.engine.oauth2;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Site-specific data stored beside the profile at login, for the site's entity to offer: the ID
 * token's claims of an OpenID Connect login, the Facebook pages the user manages, the blog a
 * WordPress token is for. It is stored as it is, so it must hold no secret the entity does not
 * need.
 */
@FunctionalInterface
public interface ExtraData {

  /**
   * The document to store, or null to store none.
   *
   * @param token the token response of this login
   * @param profile the fetched profile
   */
  JsonNode of(TokenResponse token, JsonNode profile);
}
