package org.oauthdropins;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.oauthdropins.apple.Apple;
import org.oauthdropins.blogger.Blogger;
import org.oauthdropins.bluesky.Bluesky;
import org.oauthdropins.discord.Discord;
import org.oauthdropins.disqus.Disqus;
import org.oauthdropins.dropbox.Dropbox;
import org.oauthdropins.facebook.Facebook;
import org.oauthdropins.fediverse.Fediverse;
import org.oauthdropins.flickr.Flickr;
import org.oauthdropins.github.GitHub;
import org.oauthdropins.gitlab.GitLab;
import org.oauthdropins.google.Google;
import org.oauthdropins.indieauth.IndieAuthSite;
import org.oauthdropins.instagram.Instagram;
import org.oauthdropins.linkedin.LinkedIn;
import org.oauthdropins.mastodon.Mastodon;
import org.oauthdropins.medium.Medium;
import org.oauthdropins.meetup.Meetup;
import org.oauthdropins.microsoft.Microsoft;
import org.oauthdropins.misskey.Misskey;
import org.oauthdropins.pixelfed.Pixelfed;
import org.oauthdropins.reddit.Reddit;
import org.oauthdropins.slack.Slack;
import org.oauthdropins.threads.Threads;
import org.oauthdropins.tumblr.Tumblr;
import org.oauthdropins.twitch.Twitch;
import org.oauthdropins.twitter.Twitter;
import org.oauthdropins.twitterv2.TwitterV2;
import org.oauthdropins.wordpress.WordPress;

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
          LinkedIn.FACTORY,
          Mastodon.FACTORY,
          Medium.FACTORY,
          Meetup.FACTORY,
          Microsoft.FACTORY,
          Misskey.FACTORY,
          Pixelfed.FACTORY,
          Reddit.FACTORY,
          Slack.FACTORY,
          Threads.FACTORY,
          Tumblr.FACTORY,
          Twitch.FACTORY,
          Twitter.FACTORY,
          TwitterV2.FACTORY,
          WordPress.FACTORY);

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
