package org.oauthdropins.sites.pixelfed;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.miauth.Software;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.instances.InstanceSite;

/**
 * Pixelfed: the Mastodon engine with Pixelfed's differences (Laravel Passport instead of
 * Doorkeeper). Its scopes are {@code read write follow push} and admin ones, with no granular
 * {@code read:accounts}, so the default is {@code read}; its tokens expire and come with refresh
 * tokens; and it answers {@code /api/v1/apps/verify_credentials} only for user tokens, so a
 * forgotten registration shows up as {@code invalid_client} at the token request.
 *
 * <p>Revocation: {@code POST /oauth/revoke} on the instance, as the Mastodon API has it (set for
 * every Mastodon-API flavour by {@code InstanceSite}); not confirmed in Pixelfed's own
 * documentation.
 */
public final class Pixelfed {

  /** Lists Pixelfed for apps and the demo; it needs no credentials. */
  public static final SiteFactory FACTORY =
      new SiteFactory("pixelfed", null, null, Pixelfed::create);

  /** What differs in Mastodon-API servers of this software, for sites that run several. */
  public static final InstanceSite.Flavor<PixelfedAuth> FLAVOR =
      new InstanceSite.Flavor<>(
          new Software<>(
              "pixelfed",
              "PixelfedAuth",
              "Pixelfed",
              new Button(
                  "Sign in with Pixelfed", "#e3427a", "#ffffff", "instance", "pixelfed.social"),
              PixelfedAuth::new),
          List.of("read"),
          version -> version != null && version.contains("Pixelfed"),
          false);

  private Pixelfed() {}

  /** Every scope an app may allow: Passport's, without the admin ones. */
  public static final List<String> ALL_SCOPES = List.of("read", "write", "follow", "push");

  /** Pixelfed with the given options. */
  public static OAuth2Site<PixelfedAuth> create(SiteOptions o) {
    return builder(o).build();
  }

  /** Pixelfed, registering at instances under the app's own name and web site. */
  public static OAuth2Site<PixelfedAuth> create(SiteOptions o, String appName, String website) {
    return builder(o).appName(appName).website(website).build();
  }

  /** A builder for Pixelfed with the given options: app name, web site, allowed scopes, limits. */
  public static InstanceSite.Builder<PixelfedAuth> builder(SiteOptions o) {
    return InstanceSite.builder(FLAVOR).options(o);
  }
}
