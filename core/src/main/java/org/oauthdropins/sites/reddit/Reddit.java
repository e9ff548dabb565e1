package org.oauthdropins.sites.reddit;

import java.util.List;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
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
 * Reddit (base URL overrides {@code web} for www.reddit.com and {@code api} for oauth.reddit.com).
 *
 * <p>Endpoints: the reddit wiki "OAuth2" page. The token endpoint requires HTTP Basic client auth;
 * {@code duration=permanent} gets the refresh token, which is the lasting credential. Reddit
 * throttles or blocks generic User-Agents, so every request carries a descriptive one in Reddit's
 * {@code <platform>:<app ID>:<version> (by /u/<username>)} form. Reddit does not support PKCE.
 */
public final class Reddit {

  /** The {@code web} base URL; {@code options.withBase(Reddit.WEB, url)} moves it. */
  public static final SiteBase WEB = SiteBase.of("web", "https://www.reddit.com");

  /** The {@code api} base URL; {@code options.withBase(Reddit.API, url)} moves it. */
  public static final SiteBase API = SiteBase.of("api", "https://oauth.reddit.com");

  /** Environment variable that overrides the default User-Agent. */
  public static final String USER_AGENT_ENV = "REDDIT_USER_AGENT";

  /** Lists Reddit for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("reddit", "reddit_app_key", "reddit_app_secret", Reddit::create);

  private Reddit() {}

  /**
   * Reddit with the given options, and the User-Agent from {@value #USER_AGENT_ENV} or else {@link
   * #defaultUserAgent(String)}.
   */
  public static OAuth2Site<RedditAuth> create(SiteOptions o) {
    return create(o, System.getenv(USER_AGENT_ENV));
  }

  /**
   * Reddit with the given options and User-Agent.
   *
   * @param userAgent e.g. {@code web:com.example.myapp:1.0 (by /u/me)}; null for the default
   */
  public static OAuth2Site<RedditAuth> create(SiteOptions o, String userAgent) {
    Credentials credentials = o.credentials("reddit_app_key", "reddit_app_secret");
    String agent =
        userAgent == null || userAgent.isBlank()
            ? defaultUserAgent(credentials.clientId())
            : userAgent;
    return OAuth2Site.builder("reddit", "RedditAuth")
        .button(Button.of("Sign in with Reddit", "#FF4500", "#ffffff"))
        .credentials(credentials)
        .options(o)
        .header("User-Agent", agent)
        .authorizeUrl(o.url(WEB, "/api/v1/authorize"))
        .tokenUrl(o.url(WEB, "/api/v1/access_token"))
        .clientAuth(ClientAuth.BASIC)
        .pkce(false)
        .defaultScopes(List.of("identity", "read"))
        .authorizeParams(Map.of("duration", "permanent"))
        .profile(ProfileLoader.bearerGet("reddit", o.url(API, "/api/v1/me")))
        // The account id, not the name: Reddit lets an auto-generated name be changed once, and
        // a name someone gave up must never lead to their stored login.
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/id", "/name", null, "/name"))
        .entity(RedditAuth::new)
        // reddit OAuth2 wiki, "Manually Revoking a Token": POST /api/v1/revoke_token, Basic auth.
        .revocation(Revocation.rfc7009(o.url(WEB, "/api/v1/revoke_token")))
        .build();
  }

  /**
   * A User-Agent in Reddit's required form, unique to the app through its client id: {@code
   * web:<client id>:<version> (by oauth-dropins-java)}. Apps should set their own with their Reddit
   * username.
   */
  public static String defaultUserAgent(String clientId) {
    return "web:" + clientId + ":1.0 (by oauth-dropins-java)";
  }
}
