package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Google account server, on one port for every Google host: {@code /o/oauth2/v2/auth}
 * (consent), {@code /token} (client_secret_basic or _post, PKCE when a challenge was sent), {@code
 * /v1/userinfo}, {@code /oauth2/v3/certs} and the discovery document. Like Google it issues an ID
 * token only for the {@code openid} scope, with the request's nonce (and a new one, without, with
 * each refresh of such a grant), and a refresh token only for {@code access_type=offline}; a denial
 * comes back as {@code error=access_denied}.
 */
public class FakeGoogle extends FakeOidc {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeGoogle() {
    this("google_signin");
  }

  /** A fake Google for a site on Google accounts, under that site's name. */
  protected FakeGoogle(String name) {
    super(
        name,
        new FakeOidc.Config(
            new FakeOAuth2.Config(
                "Google",
                "/o/oauth2/v2/auth",
                "/token",
                Set.of(ClientAuth.BASIC, ClientAuth.POST),
                false,
                false,
                Map.of("error", "access_denied"),
                "ya29.",
                3599L,
                true,
                false),
            "",
            "/v1/userinfo",
            "/oauth2/v3/certs",
            true,
            true,
            false),
        new Credentials("fake-google-client.apps.googleusercontent.com", "fake-google-secret"),
        ada());
    oauth().revocationEndpoint("/revoke");
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              if (params != null && !"offline".equals(params.get("access_type"))) {
                body.remove("refresh_token");
              }
              return body;
            });
    idTokensOnRefresh();
  }

  private static ObjectNode ada() {
    ObjectNode user = Json.object();
    user.put("sub", "110169484474386276334");
    user.put("name", "Ada Lovelace");
    user.put("given_name", "Ada");
    user.put("family_name", "Lovelace");
    user.put("picture", "https://lh3.googleusercontent.com/a/fake-ada=s96-c");
    user.put("email", "ada@example.com");
    user.put("email_verified", true);
    user.put("locale", "en");
    return user;
  }
}
