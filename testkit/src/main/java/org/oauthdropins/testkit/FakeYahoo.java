package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Yahoo, after developer.yahoo.com's OpenID Connect guide and discovery document: the issuer
 * at the server's root, {@code /oauth2/request_auth}, {@code /oauth2/get_token}, {@code
 * /openid/v1/userinfo} and {@code /openid/v1/certs}.
 *
 * <p>What it checks and sends: the app by HTTP Basic or its id and secret in the form, the redirect
 * URI registered for the app exactly, single-use codes, the PKCE verifier when a challenge was
 * sent; ID tokens signed ES256 with the login's nonce, {@code name}, {@code nickname}, {@code
 * email}; userinfo with {@code sub}, {@code name}, {@code given_name}, {@code family_name}, {@code
 * nickname}, {@code email}, {@code email_verified} and {@code picture}. Hour-long access tokens and
 * a refresh token with every code exchange. A denial comes back as {@code error=access_denied}.
 */
public final class FakeYahoo extends FakeOidc {

  /** The fake user's Yahoo {@code sub}. */
  public static final String JEAN_ID = "FJQLA5ZR4SFAKEQ6YOWVQBHBKQ";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeYahoo() {
    super(
        "yahoo",
        config(),
        new Credentials("dj0yJmk9ZmFrZVlhaG9vQ2xpZW50", "fake-yahoo-secret"),
        jean());
    idTokenClaims(Set.of("name", "nickname", "email", "email_verified"));
  }

  private static FakeOidc.Config config() {
    return new FakeOidc.Config(
        new FakeOAuth2.Config(
            "Yahoo",
            "/oauth2/request_auth",
            "/oauth2/get_token",
            Set.of(ClientAuth.BASIC, ClientAuth.POST),
            false,
            false,
            Map.of("error", "access_denied"),
            "fake-yahoo-at-",
            3600L,
            true,
            false),
        "",
        "/openid/v1/userinfo",
        "/openid/v1/certs",
        true,
        true,
        true);
  }

  private static ObjectNode jean() {
    ObjectNode user = Json.object();
    user.put("sub", JEAN_ID);
    user.put("name", "Jean Bartik");
    user.put("given_name", "Jean");
    user.put("family_name", "Bartik");
    user.put("nickname", "jean");
    user.put("locale", "en-US");
    user.put("email", "jean@yahoo.example");
    user.put("email_verified", true);
    user.put("picture", "https://s.yimg.com/ag/images/fake/jean_192sq.jpg");
    return user;
  }
}
