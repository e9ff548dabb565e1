package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake ORCID, after info.orcid.org's "Get an authenticated ORCID iD" and "3-legged OAuth", on one
 * server for both hosts:
 *
 * <ul>
 *   <li>{@code /oauth/authorize}: a redirect URI registered for the client, matched exactly; a
 *       denial redirects with {@code error=access_denied}, {@code error_description=User denied
 *       access} and the state.
 *   <li>{@code /oauth/token}: form-encoded only, {@code client_id} and {@code client_secret} in the
 *       body only, the PKCE verifier when a challenge was sent; the answer names the user ({@code
 *       orcid}, {@code name}) beside a twenty-year access token and a refresh token.
 *   <li>{@code /v3.0/<iD>/person}: the public API's person record for a valid Bearer token (where
 *       the contract's refresh row calls the API); otherwise 401 with ORCID's {@code invalid_token}
 *       error.
 * </ul>
 */
public final class FakeOrcid extends OAuth2Fake {

  /** The fake user's ORCID iD: Josiah Carberry's, ORCID's own test researcher. */
  public static final String CARBERRY_ID = "0000-0002-1825-0097";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeOrcid() {
    super("orcid", config(), user());
    // ORCID's /oauth/revoke: client_id, client_secret and token in the form, as at /oauth/token.
    oauth().revocationEndpoint("/oauth/revoke");
    oauth().tokenGuard(TokenGuards::formEncoded);
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              body.put("orcid", who.path("orcid").asText());
              body.set("name", who.path("name"));
              return body;
            });
    server().route("/v3.0/" + CARBERRY_ID + "/person", this::person);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "ORCID",
        "/oauth/authorize",
        "/oauth/token",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of("error", "access_denied", "error_description", "User denied access"),
        "orcid-",
        631138518L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("orcid", CARBERRY_ID);
    user.put("name", "Josiah Carberry");
    return user;
  }

  private FakeResponse person(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401, Map.of("error", "invalid_token", "error_description", "Invalid access token"));
    }
    ObjectNode person = Json.object();
    person.putObject("name").putObject("credit-name").put("value", user.path("name").asText());
    person.put("path", "/" + CARBERRY_ID + "/person");
    return FakeResponse.json(200, person);
  }
}
