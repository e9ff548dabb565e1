package org.oauthdropins.sites.mastodon;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.miauth.Software;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.instances.InstanceSite;
import org.oauthdropins.http.GuardedTransport;

/**
 * Mastodon: any instance the user names. The app registers itself per instance (docs.joinmastodon
 * .org methods/apps.md), asks for {@code read:accounts} and whatever else of the scopes the app
 * allows ({@link InstanceSite.Builder#scopes}; granular scopes welcome), and keys logins as {@code
 * @user@host}.
 *
 * <p>No credentials to configure. The instance is user input, so the site's transport must be a
 * {@link GuardedTransport}; the default is the strict guard.
 */
public final class Mastodon {

  /**
   * Every scope an app may allow, e.g. {@code Mastodon.builder(o).scopes(Mastodon.ALL_SCOPES)}; an
   * instance refuses a scope the app did not register for, and the registration asks for exactly
   * the allowed ones.
   */
  public static final List<String> ALL_SCOPES =
      List.of(
          "read",
          "read:accounts",
          "read:blocks",
          "read:bookmarks",
          "read:favourites",
          "read:filters",
          "read:follows",
          "read:lists",
          "read:mutes",
          "read:notifications",
          "read:search",
          "read:statuses",
          "write",
          "write:accounts",
          "write:blocks",
          "write:bookmarks",
          "write:favourites",
          "write:filters",
          "write:follows",
          "write:lists",
          "write:media",
          "write:mutes",
          "write:notifications",
          "write:reports",
          "write:statuses",
          "push");

  /** The app name instances show on their consent page unless the app names itself. */
  public static final String DEFAULT_APP_NAME = InstanceSite.DEFAULT_APP_NAME;

  /** Lists Mastodon for apps and the demo; it needs no credentials. */
  public static final SiteFactory FACTORY =
      new SiteFactory("mastodon", null, null, Mastodon::create);

  /** What differs in Mastodon-API servers of this software, for sites that run several. */
  public static final InstanceSite.Flavor<MastodonAuth> FLAVOR =
      new InstanceSite.Flavor<>(
          new Software<>(
              "mastodon",
              "MastodonAuth",
              "Mastodon",
              new Button(
                  "Sign in with Mastodon", "#6364ff", "#ffffff", "instance", "mastodon.social"),
              MastodonAuth::new),
          List.of("read:accounts"),
          version -> version == null || !version.contains("Pixelfed"),
          true);

  /**
   * GoToSocial (docs.gotosocial.org api/authentication.md), for the fediverse site: the Mastodon
   * API, with scopes since 0.19 that are Mastodon's granular ones without {@code follow}; accounts
   * with ULID ids and no {@code uri} (the actor is {@code /users/<username>}); tokens that neither
   * expire nor refresh. Its registrations are not checked with an app token before each login: a
   * forgotten one shows up as {@code invalid_client} at the token request, as on Pixelfed.
   */
  public static final InstanceSite.Flavor<MastodonAuth> GOTOSOCIAL =
      new InstanceSite.Flavor<>(
          new Software<>(
              "gotosocial",
              "MastodonAuth",
              "GoToSocial",
              new Button(
                  "Sign in with GoToSocial", "#ff853e", "#000000", "instance", "gts.example"),
              MastodonAuth::new),
          List.of("read:accounts"),
          java.util.Objects::nonNull,
          false);

  /**
   * Akkoma and Pleroma, for the fediverse site: the Mastodon API with Mastodon's granular scopes;
   * {@code /api/v1/instance}'s version reads {@code "2.7.2 (compatible; Akkoma 3.x)"}; accounts
   * carry the actor in {@code pleroma.ap_id} and no {@code uri}; tokens expire and come with a
   * refresh token (its token answer has {@code expires_in}, {@code refresh_token} and {@code me}).
   */
  public static final InstanceSite.Flavor<MastodonAuth> AKKOMA =
      new InstanceSite.Flavor<>(
          new Software<>(
              "akkoma",
              "MastodonAuth",
              "Akkoma",
              new Button("Sign in with Akkoma", "#462e5f", "#ffffff", "instance", "akkoma.example"),
              MastodonAuth::new),
          List.of("read:accounts"),
          version -> version != null && (version.contains("Akkoma") || version.contains("Pleroma")),
          true);

  private Mastodon() {}

  /** Mastodon with the given options, registering as {@value #DEFAULT_APP_NAME}. */
  public static OAuth2Site<MastodonAuth> create(SiteOptions o) {
    return builder(o).build();
  }

  /**
   * Mastodon, registering at instances under the app's own name and web site.
   *
   * @param website the app's web site, or null for the app's base URL
   */
  public static OAuth2Site<MastodonAuth> create(SiteOptions o, String appName, String website) {
    return builder(o).appName(appName).website(website).build();
  }

  /** A builder for Mastodon with the given options: app name, web site, allowed scopes, limits. */
  public static InstanceSite.Builder<MastodonAuth> builder(SiteOptions o) {
    return InstanceSite.builder(FLAVOR).options(o);
  }
}
