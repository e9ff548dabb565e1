package org.oauthdropins.engine.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import org.oauthdropins.http.HttpTransport;

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

  /**
   * The document to store, for extra data that fetches more than the profile: sent through the
   * callback's transport, within its time budget. The engine calls this one.
   *
   * @param transport the site's transport within the callback's budget
   * @param token the token response of this login
   * @param profile the fetched profile
   */
  default JsonNode of(HttpTransport transport, TokenResponse token, JsonNode profile) {
    return of(token, profile);
  }

  /** Extra data that fetches (a user's pages, blogs) through the callback's transport. */
  @FunctionalInterface
  interface Fetching {
    /** See {@link ExtraData#of(HttpTransport, TokenResponse, JsonNode)}. */
    JsonNode of(HttpTransport transport, TokenResponse token, JsonNode profile);
  }

  /** Extra data that fetches through the callback's transport, within the callback's budget. */
  static ExtraData fetching(Fetching f) {
    return new ExtraData() {
      @Override
      public JsonNode of(TokenResponse token, JsonNode profile) {
        throw new IllegalStateException(
            "this extra data fetches: it needs the callback's transport");
      }

      @Override
      public JsonNode of(HttpTransport transport, TokenResponse token, JsonNode profile) {
        return f.of(transport, token, profile);
      }
    };
  }
}
