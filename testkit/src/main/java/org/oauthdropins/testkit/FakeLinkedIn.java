package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake LinkedIn, Sign In with LinkedIn using OpenID Connect: {@code /oauth/v2/authorization},
 * {@code /oauth/v2/accessToken} (client id and secret in the body only), {@code /v2/userinfo},
 * {@code /oauth/openid/jwks} and the discovery document below the issuer {@code /oauth}. Like
 * LinkedIn it does not echo the nonce in ID tokens, publishes keys without {@code use}, issues no
 * refresh tokens, and reports a cancel as {@code error=user_cancelled_authorize}.
 */
public final class FakeLinkedIn extends FakeOidc {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeLinkedIn() {
    super(
        "linkedin",
        new FakeOidc.Config(
            new FakeOAuth2.Config(
                "LinkedIn",
                "/oauth/v2/authorization",
                "/oauth/v2/accessToken",
                Set.of(ClientAuth.POST),
                false,
                false,
                Map.of(
                    "error", "user_cancelled_authorize",
                    "error_description", "The user cancelled the authorization"),
                "AQV",
                5184000L,
                false,
                false),
            "/oauth",
            "/v2/userinfo",
            "/oauth/openid/jwks",
            false,
            false,
            false),
        new Credentials("fake-linkedin-client", "fake-linkedin-secret"),
        john());
  }

  private static ObjectNode john() {
    ObjectNode user = Json.object();
    user.put("sub", "782bbtaQ");
    user.put("name", "John Doe");
    user.put("given_name", "John");
    user.put("family_name", "Doe");
    user.put("picture", "https://media.licdn.com/dms/image/fake-john/profile-displayphoto-100");
    user.put("locale", "en-US");
    user.put("email", "doe@email.com");
    user.put("email_verified", true);
    return user;
  }
}
