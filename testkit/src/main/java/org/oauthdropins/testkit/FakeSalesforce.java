package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Salesforce login host (login.salesforce.com, a sandbox or a My Domain), after Salesforce
 * Help's "OAuth 2.0 Web Server Flow for Web App Integration", "OAuth Endpoints" and "UserInfo
 * Endpoint": {@code /services/oauth2/authorize}, {@code /services/oauth2/token}, {@code
 * /services/oauth2/userinfo}, {@code /id/keys} and the discovery document; the issuer is the host.
 *
 * <p>What it checks and sends: the client by {@code client_secret_post} or {@code _basic} (both in
 * Salesforce's discovery document), the callback URL exactly, single-use codes, the PKCE verifier
 * when a challenge was sent; ID tokens signed RS256 with the login's nonce, {@code sub} being the
 * identity URL {@code HOST/id/ORG_ID/USER_ID}; token answers with {@code instance_url}, {@code id},
 * {@code issued_at} and no {@code expires_in}, a refresh token only for the scope {@code
 * refresh_token}; userinfo with {@code user_id}, {@code organization_id}, {@code
 * preferred_username}, {@code name}, {@code email}, {@code picture} and {@code urls}. A denial
 * comes back as {@code error=access_denied} with {@code end-user denied authorization}.
 */
public final class FakeSalesforce extends FakeOidc {

  /** The fake org's id. */
  public static final String ORG_ID = "00D5g000004FakeEAA";

  /** The fake user's id. */
  public static final String USER_ID = "0055g00000FakeUAAQ";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeSalesforce() {
    super(
        "salesforce",
        config(),
        new Credentials("3MVG9fakeSalesforceConsumerKey", "fake-salesforce-secret"),
        Json.object().put("sub", "unset"));
    oauth().user(ada(url().toString()));
    idTokenClaims(Set.of("preferred_username", "name", "email", "email_verified"));
    refreshOnlyFor("refresh_token");
    oauth().revocationEndpoint("/services/oauth2/revoke");
    endSessionAt("/services/auth/idp/oidc/logout");
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              body.remove("expires_in");
              body.put("instance_url", url().toString());
              body.put("id", Json.text(who, "sub"));
              body.put("issued_at", String.valueOf(System.currentTimeMillis()));
              body.put("signature", Secrets.random(16));
              return body;
            });
  }

  private static FakeOidc.Config config() {
    return new FakeOidc.Config(
        new FakeOAuth2.Config(
            "Salesforce",
            "/services/oauth2/authorize",
            "/services/oauth2/token",
            Set.of(ClientAuth.POST, ClientAuth.BASIC),
            false,
            false,
            Map.of("error", "access_denied", "error_description", "end-user denied authorization"),
            "00D5g000004Fake!",
            7200L,
            true,
            false),
        "",
        "/services/oauth2/userinfo",
        "/id/keys",
        true,
        true,
        false);
  }

  private static ObjectNode ada(String host) {
    ObjectNode user = Json.object();
    user.put("sub", host + "/id/" + ORG_ID + "/" + USER_ID);
    user.put("user_id", USER_ID);
    user.put("organization_id", ORG_ID);
    user.put("preferred_username", "ada@example.org.sandbox");
    user.put("nickname", "ada");
    user.put("name", "Ada Lovelace");
    user.put("email", "ada@example.org");
    user.put("email_verified", true);
    user.put("picture", host + "/profilephoto/005/F");
    user.put("user_type", "STANDARD");
    user.put("active", true);
    user.putObject("urls").put("rest", host + "/services/data/v{version}/");
    return user;
  }
}
