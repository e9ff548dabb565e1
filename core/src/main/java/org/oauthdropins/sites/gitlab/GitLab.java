package org.oauthdropins.sites.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

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
 * <p><b>Whose user is it.</b> User ids are numbered per instance: user 42 of gitlab.com and user 42
 * of a self-managed instance are two people. So the key id is the bare {@code sub} only on
 * gitlab.com, and on every other instance {@code sub@instance}, where the instance is its URL less
 * {@code https://} ({@code 42@gitlab.example.org}, {@code 42@example.org/gitlab} for an install
 * under a relative URL), whatever the site's name: a {@code gitlab} site moved to a self-managed
 * instance, an app that moves instances, and two deployments sharing one store never give user 42
 * of one server the login of user 42 of another. {@link #keyOf(AuthRecord)} tells where a stored
 * login belongs now, for logins stored before that rule (see the README, "GitLab keys").
 *
 * <p><b>Several instances.</b> {@link #create(SiteOptions)} is the site {@code gitlab}, at
 * gitlab.com unless {@code options.withBase(GitLab.WEB, url)} moves it to another instance. An app
 * that offers another instance besides makes a second site under its own name, e.g. {@code
 * GitLab.create("gitlab_corp", options.withBase(GitLab.WEB, "https://gitlab.example.org"))}, which
 * gets its own paths ({@code /gitlab_corp/start}), button, and credentials ({@code
 * gitlab_corp_client_id}, {@code gitlab_corp_client_secret}).
 *
 * <p>Base URL override: {@code web} (the instance: issuer and every endpoint).
 */
public final class GitLab {

  /** The site's name, and the default base URL of {@code web}: gitlab.com. */
  public static final String NAME = "gitlab";

  /** The {@code web} base URL; {@code options.withBase(GitLab.WEB, url)} moves it. */
  public static final SiteBase WEB = SiteBase.of("web", "https://gitlab.com");

  /** gitlab.com as {@link #instance} writes it: the one instance whose keys are the bare id. */
  private static final String GITLAB_COM = "gitlab.com";

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
   *     <name>_client_id}, {@code <name>_client_secret}) and button
   * @param o options; {@code web} is the instance's URL
   */
  public static OAuth2Site<GitLabAuth> create(String name, SiteOptions o) {
    OidcProvider provider = provider(o);
    String issuer = provider.issuer();
    return Oidc.builder(
            name,
            "GitLabAuth",
            provider,
            o.credentials(name + "_client_id", name + "_client_secret"),
            o.transport())
        .button(
            Button.of(
                NAME.equals(name)
                    ? "Sign in with GitLab"
                    : "Sign in with GitLab (" + Oidc.issuerWithoutScheme(issuer) + ")",
                "#fc6d26",
                "#ffffff"))
        .options(o)
        .apiBase(o.url(WEB, "/api/v4"))
        .defaultScopes(SCOPES)
        .keyId(user -> keyId(Json.text(user, "sub"), issuer))
        .profileFields(new ProfileFields("/sub", "/name", "/picture", "/nickname"))
        .entity(GitLabAuth::new)
        // docs.gitlab.com "OAuth 2.0 identity provider API": POST /oauth/revoke (RFC 7009).
        .revocation(Revocation.rfc7009(o.url(WEB, "/oauth/revoke")))
        .build();
  }

  /**
   * The key a stored GitLab login belongs under now, from the issuer and subject of the ID token it
   * was made with, which the login checked: for moving logins stored under an earlier key (the bare
   * {@code sub} of a {@code gitlab} site on a self-managed instance, or {@code sub@host} of an
   * instance under a relative URL). Equal to the record's own key when nothing moved.
   *
   * @return the key, or empty when the record holds no ID token claims (not a GitLab login)
   */
  public static Optional<Key> keyOf(AuthRecord record) {
    JsonNode claims = Json.parse(record.extraJson()).path(Oidc.ID_TOKEN);
    String issuer = Json.text(claims, "iss");
    String sub = Json.text(claims, "sub");
    if (issuer == null || sub == null) {
      return Optional.empty();
    }
    return Optional.of(new Key(record.key().kind(), keyId(sub, issuer)));
  }

  /** {@code sub} on gitlab.com, else {@code sub@instance}: ids are numbered per instance. */
  private static String keyId(String sub, String issuer) {
    String instance = Oidc.issuerWithoutScheme(issuer);
    boolean gitlabCom =
        instance.equals(GITLAB_COM) && issuer.regionMatches(true, 0, "https://", 0, 8);
    return sub == null || gitlabCom ? sub : sub + "@" + instance;
  }

  /**
   * A GitLab instance's endpoints. The instance URL is the issuer (a relative URL install, {@code
   * https://host/gitlab}, included); GitLab lists both client_secret_basic and _post.
   */
  public static OidcProvider provider(SiteOptions o) {
    return OidcProvider.builder(o.url(WEB, "").toString())
        .authorizationEndpoint(o.url(WEB, "/oauth/authorize"))
        .tokenEndpoint(o.url(WEB, "/oauth/token"))
        .userinfoEndpoint(o.url(WEB, "/oauth/userinfo"))
        .jwksUri(o.url(WEB, "/oauth/discovery/keys"))
        .build();
  }
}
