package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Amazon Cognito user pool with its domain, after the Amazon Cognito Developer Guide
 * ("Identity provider and relying party endpoints", the authorize, token and userInfo endpoints) on
 * one server for both hosts: the issuer {@code /eu-west-1_FakePool} (what {@link #url()} is) with
 * the discovery document and {@code /.well-known/jwks.json} below it, the domain's {@code
 * /oauth2/authorize}, {@code /oauth2/token} and {@code /oauth2/userInfo} at the server's root.
 *
 * <p>What it checks and sends: the app client by {@code client_secret_basic} or {@code _post}, a
 * callback URL among the app client's exactly, single-use codes, the PKCE verifier when a challenge
 * was sent; ID tokens signed RS256 with the login's nonce, {@code cognito:username}, {@code
 * cognito:groups} and the address; userInfo with {@code sub} (a UUID), {@code username}, {@code
 * email} and {@code email_verified}. Hour-long access tokens and a refresh token with every code
 * exchange; a refresh answers with new access and ID tokens and no new refresh token, the old one
 * staying good (an app client without refresh token rotation). Cognito's managed login has no
 * consent page: the fake's Deny stands for the user leaving it or a federated provider's refusal,
 * reported as {@code error=access_denied} (the shape of that redirect is not in Cognito's docs).
 */
public final class FakeCognito extends FakeOidc {

  /** The fake pool's id. */
  public static final String POOL = "eu-west-1_FakePool";

  /** The fake user's {@code sub}. */
  public static final String MARY_ID = "5f1c2e3d-4b5a-4c6d-8e7f-90a1b2c3d4e5";

  private static final String ISSUER = "/" + POOL;

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeCognito() {
    super(
        "cognito",
        config(),
        new Credentials("1example23456789fakecognito", "fake-cognito-secret"),
        mary());
    idTokenClaims(Set.of("cognito:username", "cognito:groups", "email", "email_verified"));
    idTokensOnRefresh();
    oauth().keepRefreshTokens();
    // The pool domain's /oauth2/revoke (RFC 7009), beside /oauth2/authorize.
    oauth().revocationEndpoint("/oauth2/revoke");
  }

  private static FakeOidc.Config config() {
    return new FakeOidc.Config(
        new FakeOAuth2.Config(
            "Amazon Cognito",
            "/oauth2/authorize",
            "/oauth2/token",
            Set.of(ClientAuth.BASIC, ClientAuth.POST),
            false,
            false,
            Map.of("error", "access_denied"),
            "eyJraWQiOiJ",
            3600L,
            true,
            false),
        ISSUER,
        "/oauth2/userInfo",
        ISSUER + "/.well-known/jwks.json",
        true,
        true,
        false);
  }

  /** The pool's issuer. */
  @Override
  public URI url() {
    return URI.create(issuer());
  }

  /** The pool's domain, where the browser and the app's token requests go. */
  public URI domain() {
    return server.url();
  }

  private static ObjectNode mary() {
    ObjectNode user = Json.object();
    user.put("sub", MARY_ID);
    user.put("username", "mary");
    user.put("cognito:username", "mary");
    user.putArray("cognito:groups").add("editors");
    user.put("email", "mary@example.org");
    user.put("email_verified", true);
    return user;
  }
}
