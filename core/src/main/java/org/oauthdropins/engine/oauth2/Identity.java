package org.oauthdropins.engine.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Objects;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.KeyId;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.Key;

/**
 * A part of the OAuth 2 pipeline: who logged in, once the code is exchanged. A plain site fetches a
 * profile and names the claim that is its key ({@link #of}); a Mastodon instance answers {@code
 * verify_credentials}; an IndieAuth server's {@code me} must be vouched for; an atproto token must
 * be for the account that started.
 */
@FunctionalInterface
public interface Identity {

  /**
   * The user, or a refusal.
   *
   * @throws IOException if the site cannot be reached
   * @throws org.oauthdropins.errors.ProviderException if the answers are not for this login or make
   *     no sense
   */
  Who who(Exchanged login) throws IOException;

  /**
   * The identity of a plain site: the profile its loader fetches, the key id it names, the extra
   * data it keeps, and the profile data its callback carries.
   *
   * @param site the site name, for messages
   * @param kind the entity kind, to find the profile of the user's previous login
   * @param profile how the profile is fetched
   * @param keyId where the key id is
   * @param extra what is stored beside the profile, or null for nothing
   * @param callbackProfile profile data the callback itself carries
   */
  static Identity of(
      String site,
      String kind,
      ProfileLoader profile,
      KeyId keyId,
      ExtraData extra,
      CallbackProfile callbackProfile) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(callbackProfile, "callbackProfile");
    return login -> {
      JsonNode user = profile.load(login.transport(), login.token());
      String id = keyId.of(user, login.token().json());
      if (id == null || id.isBlank()) {
        throw new ProviderException(site + " profile has no user id");
      }
      if (callbackProfile != CallbackProfile.NONE) {
        JsonNode stored =
            login
                .request()
                .store()
                .get(new Key(kind, id))
                .map(r -> Json.parse(r.userJson()))
                .orElse(null);
        user = callbackProfile.profile(user, login.request().web(), stored);
      }
      return new Who(
          id, user, extra == null ? null : extra.of(login.transport(), login.token(), user));
    };
  }

  /**
   * What the pipeline knows once the code is exchanged.
   *
   * @param token the token endpoint's checked answer
   * @param server the login's server
   * @param client the login's client
   * @param transport how to reach the site for this login: within the request's time budget, and
   *     signing with the login's DPoP key where it has one
   * @param request the callback request (Apple sends profile data in it)
   */
  record Exchanged(
      TokenResponse token,
      Server server,
      Client client,
      HttpTransport transport,
      CallbackRequest request) {}

  /**
   * The user a login is for.
   *
   * @param id the key id: the user's immutable id at the site, never blank
   * @param profile the profile to store
   * @param extra data to store beside it, or null
   */
  record Who(String id, JsonNode profile, JsonNode extra) {
    /** Makes the value, checking its components. */
    public Who {
      Objects.requireNonNull(profile, "profile");
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("no user id");
      }
    }
  }
}
