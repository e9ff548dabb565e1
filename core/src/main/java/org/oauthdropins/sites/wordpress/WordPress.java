package org.oauthdropins.sites.wordpress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.http.Json;

/**
 * WordPress.com (base URL override {@code api} for public-api.wordpress.com).
 *
 * <p>Endpoints: developer.wordpress.com/docs/oauth2. The user picks one blog on WordPress.com's
 * consent page and the token is for that blog only: the token response names it ({@code blog_id},
 * {@code blog_url}), and the login is keyed by the blog's {@code blog_id}, which WordPress.com
 * never reassigns. The Python library keyed by the blog's host name, but a blog can move to another
 * address and a custom domain that lapses can be mapped to someone else's blog, whose login would
 * then land on the old blog's record; the host name stays available as {@link
 * org.oauthdropins.AuthEntity#userName()}. The client secret goes in the body; no scope, refresh
 * token or PKCE.
 *
 * <p>No revocation: none could be confirmed in WordPress.com's OAuth documentation, so a disconnect
 * deletes the login here only.
 */
public final class WordPress {

  /** The {@code api} base URL; {@code options.withBase(WordPress.API, url)} moves it. */
  public static final SiteBase API = SiteBase.of("api", "https://public-api.wordpress.com");

  /** Lists WordPress.com for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(
          "wordpress_rest",
          "wordpress.com_client_id",
          "wordpress.com_client_secret",
          WordPress::create);

  private WordPress() {}

  /**
   * WordPress.com with the given options; credentials default to the {@code wordpress.com_*} files.
   */
  public static OAuth2Site<WordPressAuth> create(SiteOptions o) {
    ProfileLoader me = ProfileLoader.bearerGet("wordpress_rest", o.url(API, "/rest/v1/me"));
    return OAuth2Site.builder("wordpress_rest", "WordPressAuth")
        .button(Button.of("Sign in with WordPress.com", "#3499CD", "#ffffff"))
        .credentials(o.credentials("wordpress.com_client_id", "wordpress.com_client_secret"))
        .options(o)
        .authorizeUrl(o.url(API, "/oauth2/authorize"))
        .tokenUrl(o.url(API, "/oauth2/token"))
        .clientAuth(ClientAuth.POST)
        .pkce(false)
        .profile(
            (transport, token) -> {
              blogHost(token); // a token without a usable blog is refused before any more calls
              return me.load(transport, token);
            })
        .keyId((user, answer) -> Json.text(answer, "blog_id"))
        .extra(
            (token, user) -> {
              ObjectNode blog = Json.object();
              blog.put("blog_id", Json.text(token.json(), "blog_id"));
              blog.put("blog_url", Json.text(token.json(), "blog_url"));
              return blog;
            })
        .profileFields(new ProfileFields("/ID", null, "/avatar_URL"))
        .entity(WordPressAuth::new)
        .build();
  }

  /**
   * The host name of the token's blog, without {@code www.}, {@code m.} or {@code mobile.}.
   *
   * @throws ProviderException if WordPress.com named no blog or one without a valid URL
   */
  static String blogHost(TokenResponse token) {
    String host = host(Json.text(token.json(), "blog_url"));
    if (host == null || Json.text(token.json(), "blog_id") == null) {
      throw new ProviderException(
          "wordpress_rest authorized no blog with a valid URL; please choose a blog with a valid"
              + " URL");
    }
    return host;
  }

  /**
   * The host name of a blog URL, without {@code www.}, {@code m.} or {@code mobile.}, or null if it
   * is no http(s) URL with a host: {@link WordPressAuth#userName()}, and what the Python library
   * keys a login by (the Datastore store looks its logins up by it).
   *
   * @param url a blog's URL, or null
   */
  public static String host(String url) {
    String host = null;
    if (url != null) {
      try {
        URI uri = new URI(url);
        if ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
          host = uri.getHost();
        }
      } catch (URISyntaxException e) {
        // host stays null: refused below
      }
    }
    if (host == null || host.isBlank()) {
      return null;
    }
    return host.toLowerCase(Locale.ROOT).replaceFirst("^(www|m|mobile)\\.", "");
  }
}
