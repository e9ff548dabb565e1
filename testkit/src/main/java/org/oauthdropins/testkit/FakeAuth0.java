package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Auth0 tenant, after auth0.com's Authentication API docs: {@link #url()} is the tenant's
 * domain and the issuer is that domain with a trailing slash, as Auth0's; {@code /authorize},
 * {@code /oauth/token}, {@code /userinfo} and {@code /.well-known/jwks.json}, named by the
 * discovery document at {@code /.well-known/openid-configuration}.
 *
 * <p>What it checks and sends: the client by {@code client_secret_basic} or {@code _post}, the
 * registered callback URL exactly, single-use codes, the PKCE verifier when a challenge was sent,
 * ID tokens signed RS256 with the login's nonce and the profile claims; userinfo with {@code sub}
 * ({@code auth0|...}, the database connection's), {@code name}, {@code nickname}, {@code picture},
 * {@code email}, {@code email_verified} and {@code updated_at}. Access tokens for userinfo last a
 * day ({@code expires_in} 86400); a refresh token comes only to a login that asked for {@code
 * offline_access}. A denial comes back as {@code error=access_denied} with Auth0's description.
 */
public final class FakeAuth0 extends FakeOidc {

  /** The fake user's Auth0 id, of the tenant's database connection. */
  public static final String GRACE_ID = "auth0|64f1c2d3e4a5b6c7d8e9f012";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeAuth0() {
    super("auth0", config(), new Credentials("fakeAuth0ClientId", "fake-auth0-secret"), grace());
    // Auth0's /oauth/revoke, named in its discovery document.
    oauth().revocationEndpoint("/oauth/revoke");
    idTokenClaims(Set.of("name", "nickname", "picture", "email", "email_verified", "updated_at"));
    refreshOnlyForOfflineAccess();
  }

  private static FakeOidc.Config config() {
    return new FakeOidc.Config(
        new FakeOAuth2.Config(
            "Auth0",
            "/authorize",
            "/oauth/token",
            Set.of(ClientAuth.BASIC, ClientAuth.POST),
            false,
            false,
            Map.of(
                "error",
                "access_denied",
                "error_description",
                "User did not authorize the request"),
            "at-",
            86400L,
            true,
            false),
        "",
        "/userinfo",
        "/.well-known/jwks.json",
        true,
        true,
        false);
  }

  /** Auth0's issuer: the domain with a trailing slash. */
  @Override
  public String issuer() {
    return url() + "/";
  }

  private static ObjectNode grace() {
    ObjectNode user = Json.object();
    user.put("sub", GRACE_ID);
    user.put("name", "Grace Hopper");
    user.put("nickname", "grace");
    user.put("picture", "https://s.gravatar.com/avatar/0f1e2d3c?s=480&r=pg&d=identicon");
    user.put("email", "grace@example.org");
    user.put("email_verified", true);
    user.put("updated_at", "2026-11-30T09:00:00.000Z");
    return user;
  }
}
