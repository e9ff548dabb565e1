package org.oauthdropins.gitlab;

import java.net.URI;
import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.oauth2.OAuth2Site;
import org.oauthdropins.oidc.Oidc;
import org.oauthdropins.oidc.OidcProvider;

/**
 * GitLab as an OpenID Connect provider (docs.gitlab.com, "GitLab as OpenID Connect identity
 * provider" and "OAuth 2.0 identity provider API"), on gitlab.com or on a self-managed instance.
 *
 * <p>Every GitLab instance serves the same paths below its URL, which is also its issuer: {@code
 * /oauth/authorize}, {@code /oauth/token}, {@code /oauth/userinfo} and the keys at {@code
 * /oauth/discovery/keys}; they are written down here so that no login waits for discovery. The
 * login asks for {@code openid profile email}: {@code openid} alone already gives the ID token and
 * userinfo, {@code profile} and {@code email} the name, avatar and primary address. It does not ask
 * for {@code read_user} or {@code api}, which open the REST API; an app that calls it adds them as
 * extra scopes. The code exchange uses PKCE (S256), which GitLab recommends for server apps too.
 *
 * <p>Access tokens last two hours (GitLab 15.0 and later) and a refresh renews them; GitLab
 * "invalidates the existing access_token and refresh_token" on refresh, so the refresh token
 * rotates and each one is spent once. The engine writes the new pair back before the login is used
 * again.
 *
 * <p>The key is {@code sub}, the user's numeric id (GitLab 11.1 and later), not the {@code
 * nickname}: a user can rename themselves and someone else may then take the old name.
 *
 * <p><b>Several instances.</b> {@link #create(SiteOptions)} is the site {@code gitlab}, at
 * gitlab.com unless {@code SiteOptions.withBase("web", url)} moves it to another instance. An app
 * that offers another instance besides makes a second site under its own name, e.g. {@code
 * GitLab.create("gitlab_corp", options.withBase("web", "https://gitlab.example.org"))}, which gets
 * its own paths ({@code /gitlab_corp/start}), button, credentials ({@code gitlab_corp_client_id},
 * {@code gitlab_corp_client_secret}) and key ids: user ids are per instance, so the logins of a
 * site other than {@code gitlab} are keyed {@code sub@host} (e.g. {@code 42@gitlab.example.org}),
 * and user 42 of one instance never loads as user 42 of another.
 *
 * <p>Base URL override: {@code web} (the instance: issuer and every endpoint).
 */
public final class GitLab {

  /** The site's name, and the default base URL of {@code web}: gitlab.com. */
  public static final String NAME = "gitlab";

  /** The default {@code web} base URL; {@code SiteOptions.withBase("web", url)} moves it. */
  public static final String WEB = "https://gitlab.com";

  /** What a login asks for: OpenID Connect, the user's profile and primary email. */
  public static final List<String> SCOPES = List.of("openid", "profile", "email");

  /** Lists GitLab for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(NAME, "gitlab_client_id", "gitlab_client_secret", GitLab::create);

  private GitLab() {}

  /** The site {@code gitlab}; credentials default to {@code gitlab_client_id/secret}. */
  public static OAuth2Site<GitLabAuth> create(SiteOptions o) {
    return create(NAME, o);
  }

  /**
   * A GitLab site under its own name, for an app that offers more than one instance.
   *
   * @param name the site's name, e.g. {@code gitlab_corp}: its paths and credential files ({@code
   *     <name>_client_id}, {@code <name>_client_secret}); any name but {@code gitlab} keys its
   *     logins {@code sub@host}
   * @param o options; {@code web} is the instance's URL
   */
  public static OAuth2Site<GitLabAuth> create(String name, SiteOptions o) {
    OidcProvider provider = provider(o);
    String host = URI.create(provider.issuer()).getRawAuthority();
    boolean qualified = !NAME.equals(name);
    return Oidc.builder(
            name,
            "GitLabAuth",
            provider,
            o.credentials(name + "_client_id", name + "_client_secret"),
            o.transport())
        .button(
            Button.of(
                qualified ? "Sign in with GitLab (" + host + ")" : "Sign in with GitLab",
                "#fc6d26",
                "#ffffff"))
        .options(o)
        .defaultScopes(SCOPES)
        .keyId(
            user -> {
              String sub = Json.text(user, "sub");
              return sub == null || !qualified ? sub : sub + "@" + host;
            })
        .profileFields(new ProfileFields("/sub", "/name", "/picture", "/nickname"))
        .entity(GitLabAuth::new)
        .build();
  }

  /**
   * A GitLab instance's endpoints. The instance URL is the issuer (a relative URL install, {@code
   * https://host/gitlab}, included); GitLab lists both client_secret_basic and _post.
   */
  public static OidcProvider provider(SiteOptions o) {
    return OidcProvider.builder(o.url("web", WEB, "").toString())
        .authorizationEndpoint(o.url("web", WEB, "/oauth/authorize"))
        .tokenEndpoint(o.url("web", WEB, "/oauth/token"))
        .userinfoEndpoint(o.url("web", WEB, "/oauth/userinfo"))
        .jwksUri(o.url("web", WEB, "/oauth/discovery/keys"))
        .build();
  }
}
