package org.oauthdropins.engine.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;

/** Fetches who the user is, once the site has issued a token. */
@FunctionalInterface
public interface ProfileLoader {

  /**
   * Returns the user's profile JSON, as the entity will store it.
   *
   * @throws IOException if the site cannot be reached
   * @throws ProviderException if it answers with an error or nonsense
   */
  JsonNode load(HttpTransport transport, TokenResponse token) throws IOException;

  /** A GET with the token as a Bearer header, answered with the profile JSON. */
  static ProfileLoader bearerGet(String site, URI url) {
    return (transport, token) -> json(site, transport.send(present(HttpCall.get(url), token)));
  }

  /**
   * A GraphQL query POSTed with the token as a Bearer header, answered with the profile as the
   * object at {@code data.<field>}.
   *
   * @param field the query's top-level field, e.g. {@code viewer}
   */
  static ProfileLoader graphql(String site, URI url, String query, String field) {
    return (transport, token) -> {
      HttpCall call = present(HttpCall.postJson(url, Map.of("query", query)), token);
      JsonNode body = json(site, transport.send(call));
      JsonNode profile = body.path("data").path(field);
      if (!profile.isObject()) {
        String error = Json.text(body.path("errors").path(0), "message");
        throw new ProviderException(
            site
                + " GraphQL answer has no "
                + field
                + (error == null ? "" : ": " + ProviderException.clean(error)));
      }
      return profile;
    };
  }

  /**
   * Presents a token as its type says: {@code Authorization: DPoP} for a DPoP-bound token (RFC 9449
   * §7.1; the login's transport adds the proof), {@code Bearer} otherwise.
   */
  static HttpCall present(HttpCall call, TokenResponse token) {
    return "dpop".equals(token.tokenType())
        ? call.header("Authorization", "DPoP " + token.accessToken())
        : bearer(call, token.accessToken());
  }

  /** Adds {@code Authorization: Bearer}. */
  static HttpCall bearer(HttpCall call, String token) {
    return call.header("Authorization", "Bearer " + token);
  }

  /** The JSON body of a 2xx answer from a profile or API endpoint. */
  static JsonNode json(String site, HttpResult result) {
    if (!result.ok()) {
      throw new ProviderException(site + " profile request answered HTTP " + result.status());
    }
    try {
      return result.json();
    } catch (IllegalArgumentException e) {
      throw new ProviderException(site + " profile response is not JSON");
    }
  }
}
