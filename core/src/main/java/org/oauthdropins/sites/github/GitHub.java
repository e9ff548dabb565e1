package org.oauthdropins.sites.github;

import java.net.URI;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.Marks;
import org.oauthdropins.internal.http.Json;

/**
 * GitHub (and GitHub Enterprise through base URL overrides {@code web} and {@code api}).
 *
 * <p>Endpoints: docs.github.com "Authorizing OAuth apps". The token endpoint answers form-encoded
 * unless asked for JSON, and reports errors inside a 200; the identity comes from the GraphQL
 * {@code viewer}, with the fields the Python library stores plus {@code databaseId}.
 *
 * <p>The key is {@code databaseId}, the user's number, which is the REST API's {@code id} (docs:
 * GraphQL "Using global node IDs" and the {@code User} object). GitHub lets a user rename their
 * {@code login}, after which anyone may register the old one ("Changing your GitHub username":
 * "your old username becomes available for anyone else to claim"), so the Python library's key, the
 * login, would hand a stored login to a stranger; the login stays available as {@link
 * org.oauthdropins.AuthEntity#userName()}.
 */
public final class GitHub {

  /**
   * Base URLs of github.com; GitHub Enterprise: {@code https://HOST} and {@code https://HOST/api}.
   */
  public static final SiteBase WEB = SiteBase.of("web", "https://github.com");

  /** The {@code api} base URL; {@code options.withBase(GitHub.API, url)} moves it. */
  public static final SiteBase API = SiteBase.of("api", "https://api.github.com");

  static final String VIEWER_QUERY =
      "query { viewer { id databaseId login name url avatarUrl location websiteUrl bio } }";

  /** Lists GitHub for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("github", "github_client_id", "github_client_secret", GitHub::create);

  private GitHub() {}

  /** GitHub with the given options; credentials default to {@code github_client_id/secret}. */
  public static OAuth2Site<GitHubAuth> create(SiteOptions o) {
    URI graphql = o.url(API, "/graphql");
    return OAuth2Site.builder("github", "GitHubAuth")
        // GitHub's mark in white on its dark grey, as its logo guidelines allow.
        .button(
            Button.of("Sign in with GitHub", "#24292f", "#ffffff").withMark(Marks.load("github")))
        .credentials(o.credentials("github_client_id", "github_client_secret"))
        .options(o)
        .apiBase(o.url(API, ""))
        .authorizeUrl(o.url(WEB, "/login/oauth/authorize"))
        .tokenUrl(o.url(WEB, "/login/oauth/access_token"))
        .clientAuth(ClientAuth.POST)
        .profile(ProfileLoader.graphql("github", graphql, VIEWER_QUERY, "viewer"))
        .keyId(user -> Json.text(user, "databaseId"))
        .profileFields(new ProfileFields("/databaseId", "/name", "/avatarUrl", "/login"))
        .entity(GitHubAuth::new)
        // REST "Delete an app authorization": DELETE /applications/{client_id}/grant.
        .revocation(Revocation.gitHubGrant(o.url(API, "")))
        .build();
  }
}
