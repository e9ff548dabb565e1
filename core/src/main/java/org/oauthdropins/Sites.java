package org.oauthdropins;

import java.util.List;
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
}
