package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.http.Json;
import org.oauthdropins.oauth2.ClientAuth;

/**
 * A fake Google account server, on one port for every Google host: {@code /o/oauth2/v2/auth}
 * (consent), {@code /token} (client_secret_basic or _post, PKCE when a challenge was sent), {@code
 * /v1/userinfo}, {@code /oauth2/v3/certs} and the discovery document. Like Google it issues an ID
 * token only for the {@code openid} scope, with the request's nonce, and a refresh token only for
 * {@code access_type=offline}; a denial comes back as {@code error=access_denied}.
 */
public final class FakeGoogle implements Fake {

  private final FakeServer server = new FakeServer();
  private final Credentials credentials =
      new Credentials("fake-google-client.apps.googleusercontent.com", "fake-google-secret");
  private final FakeOidc oidc;

  public FakeGoogle() {
    ObjectNode user = Json.object();
    user.put("sub", "110169484474386276334");
    user.put("name", "Ada Lovelace");
    user.put("given_name", "Ada");
    user.put("family_name", "Lovelace");
    user.put("picture", "https://lh3.googleusercontent.com/a/fake-ada=s96-c");
    user.put("email", "ada@example.com");
    user.put("email_verified", true);
    user.put("locale", "en");
    FakeOAuth2.Config oauth =
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
            false);
    oidc =
        new FakeOidc(
            server,
            new FakeOidc.Config(oauth, "", "/v1/userinfo", "/oauth2/v3/certs", true, true, false),
            credentials,
            user);
    oidc.oauth()
        .shapeTokens(
            (body, who, params) -> {
              if (!"offline".equals(params.get("access_type"))) {
                body.remove("refresh_token");
              }
            });
  }

  @Override
  public String name() {
    return "google_signin";
  }

  @Override
  public URI url() {
    return server.url();
  }

  @Override
  public Credentials credentials() {
    return credentials;
  }

  /** The OpenID provider, to change the user, attack ID tokens or rotate keys. */
  public FakeOidc oidc() {
    return oidc;
  }

  /** The server, for Google APIs mounted beside the account server (Blogger). */
  FakeServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }
}
