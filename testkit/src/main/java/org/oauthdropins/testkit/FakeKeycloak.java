package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Keycloak realm, its issuer at {@code /realms/REALM} as on Keycloak 17 and later: {@code
 * /protocol/openid-connect/auth}, {@code .../token}, {@code .../userinfo} and {@code .../certs}
 * below the realm, and the discovery document at the realm's {@code
 * /.well-known/openid-configuration} (keycloak.org, "Securing applications and services with OpenID
 * Connect", "Available endpoints"). {@link #url()} is the realm's URL.
 *
 * <p>What it checks and sends, as Keycloak does with a realm's defaults: the client by
 * client_secret_basic or _post (the "Client Id and Secret" authenticator), the redirect URI
 * registered for the client, single-use codes, the PKCE verifier when a challenge was sent, {@code
 * iss} on every authorization response and declared in discovery (RFC 9207), ID tokens signed RS256
 * with the login's nonce and the profile and email claims; userinfo with {@code sub} (a UUID),
 * {@code name}, {@code preferred_username}, {@code given_name}, {@code family_name}, {@code email},
 * {@code email_verified} and no picture (a realm has no such attribute by default). Access tokens
 * last 300 seconds (the default "Access Token Lifespan"); token answers carry {@code
 * refresh_expires_in} (1800, the default "SSO Session Idle"), {@code not-before-policy} and {@code
 * session_state}. Refresh tokens rotate and a spent one is refused, as with the realm setting
 * "Revoke Refresh Token" on, the stricter of Keycloak's two behaviours (with it off, Keycloak still
 * sends a new refresh token, and the old one keeps working). A denial comes back as {@code
 * error=access_denied}.
 */
public final class FakeKeycloak extends FakeOidc {

  /** The realm's name. */
  public static final String REALM = "main";

  /** The fake user's id, a UUID as Keycloak makes them. */
  public static final String ADA_ID = "5c0f0c2e-7d3f-4c1e-9a39-2a1f4b6d8e01";

  private static final String PATH = "/realms/" + REALM;

  private static final String OIDC = PATH + "/protocol/openid-connect";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeKeycloak() {
    super(
        "keycloak",
        config(),
        new Credentials("fake-keycloak-client", "fake-keycloak-secret"),
        ada());
    oauth().revocationEndpoint(OIDC + "/revoke");
    declareIssParameter();
    endSessionAt(OIDC + "/logout");
    idTokenClaims(
        Set.of(
            "name", "preferred_username", "given_name", "family_name", "email", "email_verified"));
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              body.put("refresh_expires_in", 1800);
              body.put("not-before-policy", 0);
              body.put("session_state", Secrets.random(8));
              return body;
            });
  }

  private static FakeOidc.Config config() {
    return new FakeOidc.Config(
        new FakeOAuth2.Config(
            "Keycloak",
            OIDC + "/auth",
            OIDC + "/token",
            Set.of(ClientAuth.BASIC, ClientAuth.POST),
            false,
            false,
            Map.of("error", "access_denied"),
            "eyJkc",
            300L,
            true,
            false),
        PATH,
        OIDC + "/userinfo",
        OIDC + "/certs",
        true,
        true,
        false);
  }

  /** The realm's URL, which is its issuer. */
  @Override
  public URI url() {
    return URI.create(issuer());
  }

  private static ObjectNode ada() {
    ObjectNode user = Json.object();
    user.put("sub", ADA_ID);
    user.put("name", "Ada Lovelace");
    user.put("preferred_username", "ada");
    user.put("given_name", "Ada");
    user.put("family_name", "Lovelace");
    user.put("email", "ada@example.org");
    user.put("email_verified", true);
    return user;
  }
}
