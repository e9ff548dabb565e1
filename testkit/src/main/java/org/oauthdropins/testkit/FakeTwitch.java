package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Twitch identity server, after dev.twitch.tv/docs/authentication/getting-tokens-oidc and
 * its discovery document: issuer {@code /oauth2}, {@code /oauth2/authorize} (consent; a denial
 * redirects with {@code error=access_denied}), {@code /oauth2/token} ({@code client_secret_post}
 * only, as {@code token_endpoint_auth_methods_supported} says; the answer's {@code scope} is a JSON
 * array and its {@code token_type} {@code bearer}; refresh tokens), {@code /oauth2/userinfo} and
 * {@code /oauth2/keys} (RS256). Like Twitch it honours the {@code claims} request parameter
 * ("Requesting claims"): the ID token and userinfo show only the claims named there, and {@code
 * email} and {@code email_verified} only to a login granted {@code user:read:email}.
 *
 * <p>Not confirmed from the documentation, and so not checked: whether Twitch checks PKCE; the
 * exact shape of Twitch's token errors (it answers {@code {"status", "message"}}, the fake sends
 * RFC 6749 errors).
 */
public final class FakeTwitch extends FakeOidc {

  /** The fake user's {@code sub}, TwitchDev's user id. */
  public static final String TWITCHDEV_ID = "141981764";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeTwitch() {
    super(
        "twitch",
        new FakeOidc.Config(
            new FakeOAuth2.Config(
                "Twitch",
                "/oauth2/authorize",
                "/oauth2/token",
                Set.of(ClientAuth.POST),
                false,
                false,
                Map.of(
                    "error", "access_denied",
                    "error_description", "The user denied you access"),
                "twitch_",
                14124L,
                true,
                false),
            "/oauth2",
            "/oauth2/userinfo",
            "/oauth2/keys",
            true,
            true,
            false),
        new Credentials("fake-twitch-client", "fake-twitch-secret"),
        user());
    oauth().revocationEndpoint("/oauth2/revoke");
    honourClaimsParameter()
        .scopedClaims(Map.of("email", "user:read:email", "email_verified", "user:read:email"));
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              ArrayNode scopes = Json.array();
              for (String s : body.path("scope").asText("").split(" ")) {
                if (!s.isEmpty()) {
                  scopes.add(s);
                }
              }
              body.set("scope", scopes);
              return body;
            });
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("sub", TWITCHDEV_ID);
    user.put("preferred_username", "TwitchDev");
    user.put(
        "picture",
        "https://static-cdn.jtvnw.net/jtv_user_pictures/8a6381c7-d0c0-4576-b179-38bd5ce1d6af-profile_image-300x300.png");
    user.put("email", "twitchdev@example.com");
    user.put("email_verified", true);
    user.put("updated_at", "2021-06-09T21:10:36Z");
    return user;
  }
}
