package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Okta org with its default custom authorization server, after developer.okta.com's OpenID
 * Connect &amp; OAuth 2.0 API: the issuer {@code /oauth2/default} with {@code /v1/authorize},
 * {@code /v1/token}, {@code /v1/userinfo} and {@code /v1/keys} below it, named by the discovery
 * document at {@code /oauth2/default/.well-known/openid-configuration}. {@link #url()} is the
 * issuer.
 *
 * <p>What it checks and sends: the client by {@code client_secret_basic} or {@code _post}, the
 * redirect URI registered for the app exactly, single-use codes, the PKCE verifier when a challenge
 * was sent, ID tokens signed RS256 with the login's nonce, {@code name}, {@code preferred_username}
 * and {@code email}; userinfo with {@code sub} (an Okta id, {@code 00u...}), the profile claims,
 * and {@code email} and {@code email_verified}. Access tokens last an hour; a refresh token comes
 * only to a login that asked for {@code offline_access}. A denial comes back as {@code
 * error=access_denied} with a description.
 */
public final class FakeOkta extends FakeOidc {

  /** The fake user's Okta id. */
  public static final String ALAN_ID = "00u1ab2cd3EfGhIjK4x7";

  private static final String AS = "/oauth2/default";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeOkta() {
    super("okta", config(), new Credentials("0oafakeoktaclient", "fake-okta-secret"), alan());
    idTokenClaims(Set.of("name", "preferred_username", "email"));
    refreshOnlyForOfflineAccess();
    // Okta's /v1/revoke below the authorization server, named in its discovery document.
    oauth().revocationEndpoint(AS + "/v1/revoke");
  }

  private static FakeOidc.Config config() {
    return new FakeOidc.Config(
        new FakeOAuth2.Config(
            "Okta",
            AS + "/v1/authorize",
            AS + "/v1/token",
            Set.of(ClientAuth.BASIC, ClientAuth.POST),
            false,
            false,
            Map.of(
                "error",
                "access_denied",
                "error_description",
                "The resource owner or authorization server denied the request."),
            "eyJraWQiOi",
            3600L,
            true,
            false),
        AS,
        AS + "/v1/userinfo",
        AS + "/v1/keys",
        true,
        true,
        false);
  }

  /** The authorization server's issuer. */
  @Override
  public URI url() {
    return URI.create(issuer());
  }

  private static ObjectNode alan() {
    ObjectNode user = Json.object();
    user.put("sub", ALAN_ID);
    user.put("name", "Alan Turing");
    user.put("preferred_username", "alan@example.org");
    user.put("given_name", "Alan");
    user.put("family_name", "Turing");
    user.put("locale", "en_GB");
    user.put("zoneinfo", "Europe/London");
    user.put("email", "alan@example.org");
    user.put("email_verified", true);
    return user;
  }
}
