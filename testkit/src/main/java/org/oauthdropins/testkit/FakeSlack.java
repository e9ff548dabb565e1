package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Slack for Sign in with Slack, after docs.slack.dev ("Sign in with Slack", {@code
 * openid.connect.token}, {@code openid.connect.userInfo}) and Slack's discovery document: issuer at
 * the server's root, {@code /openid/connect/authorize} (consent; a denial redirects with {@code
 * error=access_denied}), {@code /api/openid.connect.token} ({@code client_secret_post} or {@code
 * _basic}; errors inside a 200, as every Web API method; a success carries {@code "ok": true}; no
 * refresh tokens, which only token rotation brings), {@code /api/openid.connect.userInfo} ({@code
 * "ok": true} with the claims; a bad token gets a 200 with {@code {"ok": false, "error":
 * "invalid_auth"}}) and {@code /openid/connect/keys} (RS256). ID tokens carry Slack's claims
 * ({@code https://slack.com/team_id}, {@code https://slack.com/user_id}...) with the nonce; the
 * email claims need the scope {@code email}, the name and picture {@code profile}.
 *
 * <p>Not confirmed from the documentation, and so not checked: whether Slack checks PKCE; the
 * {@code "ok": false} member on token errors (the fake sends RFC 6749 {@code error} in a 200).
 */
public final class FakeSlack extends FakeOidc {

  /** The fake user's workspace. */
  public static final String TEAM = "T0R7GR";

  /** The fake user's Slack user id. */
  public static final String USER = "U0R7JM";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeSlack() {
    super(
        "slack",
        new FakeOidc.Config(
            new FakeOAuth2.Config(
                "Slack",
                "/openid/connect/authorize",
                "/api/openid.connect.token",
                Set.of(ClientAuth.POST, ClientAuth.BASIC),
                false,
                true,
                Map.of("error", "access_denied"),
                "xoxp-",
                null,
                false,
                false),
            "",
            "/api/openid.connect.userInfo",
            "/openid/connect/keys",
            true,
            true,
            false),
        new Credentials("2141029472.691202649728", "fake-slack-secret"),
        user(TEAM, USER));
    Map<String, String> scoped = new HashMap<>();
    for (String claim : new String[] {"email", "email_verified", "date_email_verified"}) {
      scoped.put(claim, "email");
    }
    for (String claim : new String[] {"name", "given_name", "family_name", "picture", "locale"}) {
      scoped.put(claim, "profile");
    }
    scopedClaims(scoped);
    idTokenClaims(
        Set.of(
            "https://slack.com/team_id",
            "https://slack.com/user_id",
            "email",
            "email_verified",
            "date_email_verified",
            "locale",
            "name",
            "given_name",
            "family_name",
            "picture"));
    ObjectNode ok = Json.object();
    ok.put("ok", true);
    oauth().tokenFields(ok);
    userinfoRefusal(FakeResponse.json(200, Map.of("ok", false, "error", "invalid_auth")));
    server().route("/api/auth.revoke", this::revoke);
  }

  /**
   * {@code auth.revoke} (api.slack.com/methods/auth.revoke): the token in the Authorization header
   * or a {@code token} parameter revokes itself; Slack answers 200 with {@code ok}.
   */
  private FakeResponse revoke(FakeRequest r) {
    String token = r.bearer() != null ? r.bearer() : r.param("token").orElse(null);
    if (oauth().user(token).isEmpty()) {
      return FakeResponse.json(200, Map.of("ok", false, "error", "invalid_auth"));
    }
    oauth().revokeToken(token);
    return FakeResponse.json(200, Map.of("ok", true, "revoked", true));
  }

  /** Makes the user who approves this one, of that workspace. */
  public void signInAs(String team, String user) {
    oauth().user(user(team, user));
  }

  private static ObjectNode user(String team, String id) {
    ObjectNode user = Json.object();
    user.put("ok", true);
    user.put("sub", id);
    user.put("https://slack.com/user_id", id);
    user.put("https://slack.com/team_id", team);
    user.put("email", "krane@slack-corp.com");
    user.put("email_verified", true);
    user.put("date_email_verified", 1622128723);
    user.put("name", "krane");
    user.put("picture", "https://secure.gravatar.com/avatar/krane.png");
    user.put("given_name", "Bront");
    user.put("family_name", "Labradoodle");
    user.put("locale", "en-US");
    user.put("https://slack.com/team_name", "kraneflannel");
    user.put("https://slack.com/team_domain", "kraneflannel");
    return user;
  }
}
