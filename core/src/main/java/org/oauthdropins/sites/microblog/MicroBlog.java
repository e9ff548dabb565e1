package org.oauthdropins.sites.microblog;

import java.util.Locale;
import java.util.regex.Pattern;
import org.oauthdropins.Button;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.sites.indieauth.IndieAuth;
import org.oauthdropins.sites.indieauth.IndieAuthSite;

/**
 * micro.blog's button over IndieAuth: micro.blog is an IndieAuth provider for the sites it hosts
 * (help.micro.blog "IndieAuth"; every hosted site, {@code https://<username>.micro.blog/} or the
 * user's own domain, declares {@code micro.blog/indieauth/auth} and {@code
 * micro.blog/indieauth/token}), so this is the {@code indieauth} site under the name {@code
 * microblog} with micro.blog's button, which takes the micro.blog username as well as a web site:
 * {@code manton} and {@code @manton} stand for {@code https://manton.micro.blog/}, anything with a
 * dot or a scheme is taken as the site.
 *
 * <p>Everything else is IndieAuth's (see {@link IndieAuthSite}): discovery of the server the site
 * declares, PKCE, the issuer check, the {@code me} the server returns vouched for by the site, no
 * credentials (the client id is the app's URL, {@code microblog_client_id} unless derived from the
 * request), and the key, the verified profile URL. A login is an {@link IndieAuth} entity of kind
 * {@code MicroBlogAuth}, so that a store tells the button it came from. A site on its own domain
 * that declares another server than micro.blog's signs in with that one: the button does not
 * restrict whom it accepts, the IndieAuth rules do.
 *
 * <p>Disconnect revokes as IndieAuth does: RFC 7009 at the {@code revocation_endpoint} of the
 * server's metadata. micro.blog's help pages ("IndieAuth", "OAuth in Micro.blog") name only its
 * authorization and token endpoints, not a metadata document or a revocation endpoint; unless its
 * server names one, a disconnect deletes the login here only (not confirmed either way).
 */
public final class MicroBlog {

  /** The site's name. */
  public static final String NAME = "microblog";

  /** A micro.blog username: letters, digits and underscores, as micro.blog allows them. */
  private static final Pattern USERNAME = Pattern.compile("@?[A-Za-z0-9_]{1,64}");

  /** Lists micro.blog for apps and the demo; it needs no credentials. */
  public static final SiteFactory FACTORY = new SiteFactory(NAME, null, null, MicroBlog::create);

  private MicroBlog() {}

  /** micro.blog with the given options, as {@link IndieAuthSite#create} takes them. */
  public static OAuth2Site<IndieAuth> create(SiteOptions o) {
    return IndieAuthSite.builder(o)
        .name(NAME, "MicroBlogAuth")
        .typedSite(MicroBlog::siteOf)
        // micro.blog's orange; the field asks for the username or the site.
        .button(
            new Button("Sign in with Micro.blog", "#FF8800", "#FFFFFF", "me", "username or site"))
        .build();
  }

  /**
   * The web site a user means: {@code https://<username>.micro.blog/} for a bare username (with or
   * without {@code @}), else what they typed, for IndieAuth to canonicalize.
   */
  public static String siteOf(String typed) {
    String t = typed.strip();
    if (USERNAME.matcher(t).matches()) {
      String user = t.startsWith("@") ? t.substring(1) : t;
      return "https://" + user.toLowerCase(Locale.ROOT) + ".micro.blog/";
    }
    return t;
  }
}
