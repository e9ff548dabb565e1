package org.oauthdropins.sites.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.http.Json;

/**
 * Sign in with Slack, over OpenID Connect (docs.slack.dev "Sign in with Slack", the methods {@code
 * openid.connect.token} and {@code openid.connect.userInfo}; base URL override {@code web} for
 * slack.com). The endpoints are those of Slack's discovery document, written down: issuer {@code
 * https://slack.com}, {@code /openid/connect/authorize}, {@code /api/openid.connect.token}, {@code
 * /api/openid.connect.userInfo}, keys at {@code /openid/connect/keys}, RS256 ID tokens with the
 * nonce. Scopes are {@code openid} and {@code profile} (name, picture); an app adds {@code email}
 * for the address. Slack's Web API reports errors inside a 200 ({@code {"ok": false, "error":
 * ...}}), which the token client and the userinfo check both read as errors.
 *
 * <p>The key is {@code <team id>:<user id>}, from the verified ID token's {@code
 * https://slack.com/team_id} claim and {@code sub}: Slack's user type docs say a user id "is only
 * unique to the team containing the user" (its newer {@code users.identity} docs call ids globally
 * unique except on Enterprise Grid, where one person keeps one id across an org's workspaces), so
 * the user id alone could name two people, and the team makes each login name one account in one
 * workspace.
 *
 * <p>Refresh tokens exist only for apps that turn on token rotation; the engine then renews them at
 * {@code openid.connect.token} like any other.
 */
public final class Slack {

  /** The {@code web} base URL; {@code options.withBase(Slack.WEB, url)} moves it. */
  public static final SiteBase WEB = SiteBase.of("web", "https://slack.com");

  /** The ID token and userinfo claim naming the user's workspace. */
  public static final String TEAM_ID = "https://slack.com/team_id";

  /** Lists Slack for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("slack", "slack_client_id", "slack_client_secret", Slack::create);

  private Slack() {}

  /** Slack's endpoints and quirks. */
  public static OidcProvider provider(SiteOptions o) {
    return OidcProvider.builder(o.url(WEB, "").toString())
        .authorizationEndpoint(o.url(WEB, "/openid/connect/authorize"))
        .tokenEndpoint(o.url(WEB, "/api/openid.connect.token"))
        .userinfoEndpoint(o.url(WEB, "/api/openid.connect.userInfo"))
        .jwksUri(o.url(WEB, "/openid/connect/keys"))
        .clientAuth(ClientAuth.POST)
        // Slack's discovery document names no code_challenge_methods; sent as everywhere.
        .pkce(true)
        .build();
  }

  /** Sign in with Slack; credentials default to {@code slack_client_id/secret}. */
  public static OAuth2Site<SlackAuth> create(SiteOptions o) {
    return Oidc.builder(
            "slack",
            "SlackAuth",
            provider(o),
            o.credentials("slack_client_id", "slack_client_secret"),
            o.transport())
        .button(Button.of("Sign in with Slack", "#4A154B", "#ffffff"))
        .options(o)
        .apiBase(o.url(WEB, "/api"))
        .defaultScopes(List.of("openid", "profile"))
        .keyId((user, answer) -> keyId(answer))
        .profileFields(new ProfileFields("/sub", "/name", "/picture"))
        .entity(SlackAuth::new)
        // api.slack.com/methods/auth.revoke: the token revokes itself.
        .revocation(Revocation.signedCall("POST", o.url(WEB, "/api/auth.revoke")))
        .build();
  }

  /** {@code <team id>:<user id>} from the verified ID token. */
  static String keyId(JsonNode answer) {
    JsonNode claims = Oidc.idTokenClaims(answer);
    String team = Json.text(claims, TEAM_ID);
    String user = Json.text(claims, "sub");
    if (team == null || user == null) {
      throw new ProviderException("slack ID token has no team id or subject");
    }
    return team + ":" + user;
  }
}
