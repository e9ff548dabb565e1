package org.oauthdropins.sites;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.oauthdropins.MissingCredentialsException;
import org.oauthdropins.Site;
import org.oauthdropins.SiteConfigurationException;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.sites.amazon.Amazon;
import org.oauthdropins.sites.apple.Apple;
import org.oauthdropins.sites.atlassian.Atlassian;
import org.oauthdropins.sites.auth0.Auth0;
import org.oauthdropins.sites.bitbucket.Bitbucket;
import org.oauthdropins.sites.blogger.Blogger;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.box.Box;
import org.oauthdropins.sites.cognito.Cognito;
import org.oauthdropins.sites.discord.Discord;
import org.oauthdropins.sites.disqus.Disqus;
import org.oauthdropins.sites.dropbox.Dropbox;
import org.oauthdropins.sites.facebook.Facebook;
import org.oauthdropins.sites.fediverse.Fediverse;
import org.oauthdropins.sites.figma.Figma;
import org.oauthdropins.sites.flickr.Flickr;
import org.oauthdropins.sites.gitea.Gitea;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.sites.gitlab.GitLab;
import org.oauthdropins.sites.google.Google;
import org.oauthdropins.sites.indieauth.IndieAuthSite;
import org.oauthdropins.sites.instagram.Instagram;
import org.oauthdropins.sites.kakao.Kakao;
import org.oauthdropins.sites.keycloak.Keycloak;
import org.oauthdropins.sites.line.Line;
import org.oauthdropins.sites.linear.Linear;
import org.oauthdropins.sites.linkedin.LinkedIn;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.sites.medium.Medium;
import org.oauthdropins.sites.meetup.Meetup;
import org.oauthdropins.sites.microblog.MicroBlog;
import org.oauthdropins.sites.microsoft.Microsoft;
import org.oauthdropins.sites.misskey.Misskey;
import org.oauthdropins.sites.naver.Naver;
import org.oauthdropins.sites.nextcloud.Nextcloud;
import org.oauthdropins.sites.notion.Notion;
import org.oauthdropins.sites.okta.Okta;
import org.oauthdropins.sites.orcid.Orcid;
import org.oauthdropins.sites.patreon.Patreon;
import org.oauthdropins.sites.paypal.PayPal;
import org.oauthdropins.sites.pinterest.Pinterest;
import org.oauthdropins.sites.pixelfed.Pixelfed;
import org.oauthdropins.sites.reddit.Reddit;
import org.oauthdropins.sites.salesforce.Salesforce;
import org.oauthdropins.sites.slack.Slack;
import org.oauthdropins.sites.spotify.Spotify;
import org.oauthdropins.sites.strava.Strava;
import org.oauthdropins.sites.threads.Threads;
import org.oauthdropins.sites.tiktok.TikTok;
import org.oauthdropins.sites.tumblr.Tumblr;
import org.oauthdropins.sites.twitch.Twitch;
import org.oauthdropins.sites.twitter.Twitter;
import org.oauthdropins.sites.twitterv2.TwitterV2;
import org.oauthdropins.sites.vkid.VkId;
import org.oauthdropins.sites.wordpress.WordPress;
import org.oauthdropins.sites.yahoo.Yahoo;
import org.oauthdropins.sites.yandex.Yandex;
import org.oauthdropins.sites.zoom.Zoom;

/** Every site the library ships, in the order the demo shows them. */
public final class Sites {

  /** One factory per site, keyed by the Python library's module names. */
  public static final List<SiteFactory> ALL =
      List.of(
          Apple.FACTORY,
          Blogger.FACTORY,
          Bluesky.FACTORY,
          Discord.FACTORY,
          Disqus.FACTORY,
          Dropbox.FACTORY,
          Facebook.FACTORY,
          Fediverse.FACTORY,
          Flickr.FACTORY,
          GitHub.FACTORY,
          GitLab.FACTORY,
          Google.FACTORY,
          IndieAuthSite.FACTORY,
          Instagram.FACTORY,
          Keycloak.FACTORY,
          LinkedIn.FACTORY,
          Line.FACTORY,
          Kakao.FACTORY,
          Naver.FACTORY,
          Yandex.FACTORY,
          VkId.FACTORY,
          Orcid.FACTORY,
          Strava.FACTORY,
          Patreon.FACTORY,
          Zoom.FACTORY,
          Mastodon.FACTORY,
          Medium.FACTORY,
          Meetup.FACTORY,
          Microsoft.FACTORY,
          Misskey.FACTORY,
          Okta.FACTORY,
          Auth0.FACTORY,
          Cognito.FACTORY,
          Salesforce.FACTORY,
          Yahoo.FACTORY,
          Amazon.FACTORY,
          PayPal.FACTORY,
          Atlassian.FACTORY,
          Bitbucket.FACTORY,
          Pixelfed.FACTORY,
          Reddit.FACTORY,
          Slack.FACTORY,
          Spotify.FACTORY,
          Threads.FACTORY,
          Tumblr.FACTORY,
          Twitch.FACTORY,
          Twitter.FACTORY,
          TwitterV2.FACTORY,
          WordPress.FACTORY,
          Box.FACTORY,
          Notion.FACTORY,
          Figma.FACTORY,
          Linear.FACTORY,
          Pinterest.FACTORY,
          TikTok.FACTORY,
          Gitea.FACTORY,
          Gitea.CODEBERG_FACTORY,
          Nextcloud.FACTORY,
          MicroBlog.FACTORY);

  private Sites() {}

  /** The factory of a site by name. */
  public static Optional<SiteFactory> byName(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * Makes several shipped sites at once, each with the given options (leave their credentials null
   * so that each site reads its own from the environment or files). Whatever is wrong is reported
   * together: an app that asks for five sites learns of every missing credential and misspelt name
   * in one start, not one per start.
   *
   * @param options the options of every site
   * @param names the sites' ids, e.g. {@code github}, {@code google_signin}
   * @return the sites, in the order of the names
   * @throws SiteConfigurationException naming every site whose credentials are missing (both or one
   *     half) and every name that is no shipped site, with the closest id
   */
  public static List<Site<?>> create(SiteOptions options, List<String> names) {
    List<Site<?>> sites = new ArrayList<>();
    List<SiteConfigurationException.Problem> problems = new ArrayList<>();
    for (String name : names) {
      Optional<SiteFactory> factory = byName(name);
      if (factory.isEmpty()) {
        problems.add(new SiteConfigurationException.UnknownSite(name, suggest(name).orElse(null)));
        continue;
      }
      try {
        sites.add(factory.get().create(options));
      } catch (MissingCredentialsException e) {
        problems.add(new SiteConfigurationException.MissingCredentials(name, e.files()));
      } catch (IllegalStateException | IllegalArgumentException e) {
        problems.add(new SiteConfigurationException.CannotStart(name, e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new SiteConfigurationException(problems);
    }
    return sites;
  }

  /**
   * The shipped site id closest to a name that is not one, for a "did you mean": a name that an id
   * starts with ({@code google} for {@code google_signin}), the same letters without case and
   * separators ({@code twitterv2}), or one or two typos away ({@code gitlub}).
   *
   * @param name a name that may be misspelt
   * @return the closest id, or empty if none is close
   */
  public static Optional<String> suggest(String name) {
    String n = squash(name);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    return ALL.stream()
        .map(SiteFactory::name)
        .filter(id -> squash(id).startsWith(n) || distance(squash(id), n) <= 2)
        .min(Comparator.comparingInt((String id) -> distance(squash(id), n)));
  }

  private static String squash(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
