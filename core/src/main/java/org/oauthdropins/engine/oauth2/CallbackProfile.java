package org.oauthdropins.engine.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import org.oauthdropins.web.WebRequest;

/**
 * Profile data that a site sends in the callback itself rather than from an endpoint, and only
 * once: Sign in with Apple posts the user's name in a {@code user} form field on the first login
 * alone. The engine hands the hook the callback and the profile stored by the user's previous
 * login, so that what came once is kept at later logins.
 */
@FunctionalInterface
public interface CallbackProfile {

  /** No callback data: the profile as loaded. */
  CallbackProfile NONE = (profile, callback, stored) -> profile;

  /**
   * The profile to store.
   *
   * @param profile the profile as the site's loader read it
   * @param callback the browser's request to the callback, with the site's form fields
   * @param stored the profile of this user's stored login, or null at the first login
   */
  JsonNode profile(JsonNode profile, WebRequest callback, JsonNode stored);
}
