package org.oauthdropins.sites.gitea;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.internal.http.Json;

/**
 * Forgejo and Gitea as OpenID Connect providers, one shape for both (Forgejo is a fork of Gitea and
 * keeps its OAuth 2 provider): gitea.com as the site {@code gitea}, Codeberg (Forgejo) as the site
 * {@code codeberg}, and any other instance as a site under its own name.
 *
 * <p>Endpoints: docs.gitea.com "OAuth2 provider" and forgejo.org "OAuth2 provider" (the same text):
 * every instance serves {@code /login/oauth/authorize}, {@code /login/oauth/access_token}, {@code
 * /login/oauth/userinfo} and its keys at {@code /login/oauth/keys} below its URL, which with a
 * trailing slash is its issuer ({@code https://gitea.com/}, the {@code ROOT_URL}); they are written
 * down here so that no login waits for discovery. The login asks for {@code openid profile email}
 * and uses PKCE (S256), which both document for confidential clients too; the client authenticates
 * by HTTP Basic (both take client_secret_basic and _post).
 *
 * <p>Access tokens last an hour by default ({@code ACCESS_TOKEN_EXPIRATION_TIME}) and a refresh
 * answers with a new refresh token (730 hours by default) that the engine stores in place of the
 * spent one; whether a spent one is refused depends on the instance's {@code
 * INVALIDATE_REFRESH_TOKENS}.
 *
 * <p>No revocation ({@code Revocation.none()}): neither documents a token revocation endpoint and
 * their discovery documents ({@code /.well-known/openid-configuration}) name no {@code
 * revocation_endpoint}, so a disconnect deletes the login here only; the user revokes the app under
 * Settings, Applications. No RP-initiated logout either: the discovery documents name no {@code
 * end_session_endpoint} (go-gitea/gitea issue 16488 asks for one, open), so the {@code logout}
 * route ends the login in this browser and sends it to the app's root, not to the provider.
 *
 * <p><b>Whose user is it.</b> The key is {@code sub@instance}: {@code sub} is the user's numeric
 * id, which is numbered per instance, so the instance (the issuer less {@code https://} and the
 * trailing slash: {@code 42@codeberg.org}) is always part of it, for every instance including the
 * presets. The username can be renamed (and the old one taken), so it is only {@code userName()}.
 *
 * <p><b>Several instances.</b> {@code Gitea.create("forgejo_corp", options.withBase(Gitea.WEB,
 * "https://git.example.org"))} is one more site with its own paths, button and credentials ({@code
 * forgejo_corp_client_id}, {@code _client_secret}), as {@code GitLab.create(name, options)} does.
 *
 * <p>Base URL override: {@code web} (the instance: issuer and every endpoint).
 */
public final class Gitea {

  /** The site name of gitea.com. */
  public static final String NAME = "gitea";

  /** The site name of Codeberg, the Forgejo instance run by Codeberg e.V. */
  public static final String CODEBERG = "codeberg";

  /** The {@code web} base URL, gitea.com unless moved; {@code options.withBase(Gitea.WEB, url)}. */
  public static final SiteBase WEB = SiteBase.of("web", "https://gitea.com");

  /** Codeberg's {@code web} base URL (the same override name as {@link #WEB}). */
  public static final SiteBase CODEBERG_WEB = SiteBase.of("web", "https://codeberg.org");

  /**
   * The kind of gitea.com's and named instances' logins; Codeberg's are {@code CodebergAuth}, so
   * that a store (and the demo) tells which preset a login came from by its kind.
   */
  public static final String KIND = "GiteaAuth";

  /** What a login asks for: OpenID Connect, the user's profile and email. */
  public static final List<String> SCOPES = List.of("openid", "profile", "email");

  /** Lists gitea.com for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(NAME, "gitea_client_id", "gitea_client_secret", Gitea::create);

  /** Lists Codeberg for apps and the demo. */
  public static final SiteFactory CODEBERG_FACTORY =
      new SiteFactory(CODEBERG, "codeberg_client_id", "codeberg_client_secret", Gitea::codeberg);

  private Gitea() {}

  /** The site {@code gitea} (gitea.com); credentials default to {@code gitea_client_id/secret}. */
  public static OAuth2Site<GiteaAuth> create(SiteOptions o) {
    return create(NAME, KIND, "Sign in with Gitea", o, WEB);
  }

  /** The site {@code codeberg}; credentials default to {@code codeberg_client_id/secret}. */
  public static OAuth2Site<GiteaAuth> codeberg(SiteOptions o) {
    return create(CODEBERG, "CodebergAuth", "Sign in with Codeberg", o, CODEBERG_WEB);
  }

  /**
   * A Forgejo or Gitea instance as a site under its own name.
   *
   * @param name the site's name, e.g. {@code forgejo_corp}: its paths, credential files ({@code
   *     <name>_client_id}, {@code <name>_client_secret}) and button
   * @param o options; {@code web} is the instance's URL
   */
  public static OAuth2Site<GiteaAuth> create(String name, SiteOptions o) {
    String instance = Oidc.issuerWithoutScheme(o.url(WEB, "/").toString());
    return create(name, KIND, "Sign in with " + instance, o, WEB);
  }

  private static OAuth2Site<GiteaAuth> create(
      String name, String kind, String label, SiteOptions o, SiteBase web) {
    OidcProvider provider = provider(o, web);
    String instance = Oidc.issuerWithoutScheme(provider.issuer());
    return Oidc.builder(
            name,
            kind,
            provider,
            o.credentials(name + "_client_id", name + "_client_secret"),
            o.transport())
        // Codeberg's blue, Gitea's green.
        .button(Button.of(label, CODEBERG.equals(name) ? "#2185D0" : "#609926", "#FFFFFF"))
        .options(o)
        .apiBase(o.url(web, "/api/v1"))
        .defaultScopes(SCOPES)
        .keyId(
            user -> {
              String sub = Json.text(user, "sub");
              return sub == null ? null : sub + "@" + instance;
            })
        .profileFields(new ProfileFields("/sub", "/name", "/picture", "/preferred_username"))
        .entity(GiteaAuth::new)
        .build();
  }

  /** An instance's endpoints below its URL; the issuer is the URL with a trailing slash. */
  static OidcProvider provider(SiteOptions o, SiteBase web) {
    return OidcProvider.builder(o.url(web, "/").toString())
        .authorizationEndpoint(o.url(web, "/login/oauth/authorize"))
        .tokenEndpoint(o.url(web, "/login/oauth/access_token"))
        .userinfoEndpoint(o.url(web, "/login/oauth/userinfo"))
        .jwksUri(o.url(web, "/login/oauth/keys"))
        .build();
  }
}
