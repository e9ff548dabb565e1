package org.oauthdropins.sites.discord;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;

/**
 * Discord (base URL override {@code web} for discord.com, which serves both the authorization page
 * and the API).
 *
 * <p>Endpoints: discord.com/developers/docs/topics/oauth2 ("OAuth2 URLs": {@code
 * /oauth2/authorize}, {@code /api/oauth2/token}; the token endpoint takes HTTP Basic or the secret
 * in the form body, form-encoded only; the answer has a week-long access token and a refresh
 * token). The scope {@code identify} lets {@code GET /users/@me} answer without {@code email}; an
 * app that wants the address adds the scope {@code email} to the login. PKCE (S256) is sent:
 * Discord's Social SDK guide ("Account linking with Discord") uses it on the same authorization
 * endpoint.
 *
 * <p>The key is the user's id, a snowflake that never changes; the {@code username} can be changed
 * (and since the 2023 username migration a freed name can be taken by someone else), so it is only
 * {@link org.oauthdropins.AuthEntity#userName()}.
 */
public final class Discord {

  /** The {@code web} base URL; {@code options.withBase(Discord.WEB, url)} moves it. */
  public static final SiteBase WEB = SiteBase.of("web", "https://discord.com");

  /** The scope that lets {@code /users/@me} answer, without the email address. */
  public static final String IDENTIFY = "identify";

  /** The scope that adds {@code email} and {@code verified} to {@code /users/@me}. */
  public static final String EMAIL = "email";

  /** Lists Discord for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("discord", "discord_client_id", "discord_client_secret", Discord::create);

  private Discord() {}

  /** Discord with the given options; credentials default to {@code discord_client_id/secret}. */
  public static OAuth2Site<DiscordAuth> create(SiteOptions o) {
    return OAuth2Site.builder("discord", "DiscordAuth")
        .button(Button.of("Sign in with Discord", "#5865F2", "#ffffff"))
        .credentials(o.credentials("discord_client_id", "discord_client_secret"))
        .options(o)
        .apiBase(o.url(WEB, "/api/v10"))
        .authorizeUrl(o.url(WEB, "/oauth2/authorize"))
        .tokenUrl(o.url(WEB, "/api/oauth2/token"))
        .clientAuth(ClientAuth.BASIC)
        .defaultScopes(List.of(IDENTIFY))
        .profile(ProfileLoader.bearerGet("discord", o.url(WEB, "/api/v10/users/@me")))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/id", "/global_name", null, "/username"))
        .entity(DiscordAuth::new)
        // discord.com/developers/docs/topics/oauth2: token revocation per RFC 7009.
        .revocation(Revocation.rfc7009(o.url(WEB, "/api/oauth2/token/revoke")))
        .build();
  }
}
