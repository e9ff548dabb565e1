package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.sites.Sites;

/** Every site with an app-wide REST API names its base, and base URL overrides move it. */
class ApiBaseTest {

  /** The real APIs, from each site's developer documentation. */
  private static final Map<String, String> REAL =
      Map.ofEntries(
          Map.entry("github", "https://api.github.com"),
          Map.entry("google_signin", "https://www.googleapis.com"),
          Map.entry("blogger", "https://www.googleapis.com"),
          Map.entry("gitlab", "https://gitlab.com/api/v4"),
          Map.entry("discord", "https://discord.com/api/v10"),
          Map.entry("twitter", "https://api.x.com/1.1"),
          Map.entry("twitter_v2", "https://api.twitter.com/2"),
          Map.entry("facebook", "https://graph.facebook.com/v"),
          Map.entry("instagram", "https://graph.instagram.com"),
          Map.entry("linkedin", "https://api.linkedin.com/v2"),
          Map.entry("slack", "https://slack.com/api"),
          Map.entry("twitch", "https://api.twitch.tv/helix"),
          Map.entry("medium", "https://api.medium.com/v1"),
          Map.entry("meetup", "https://api.meetup.com"),
          Map.entry("microsoft", "https://graph.microsoft.com/v1.0"),
          Map.entry("threads", "https://graph.threads.net"),
          Map.entry("disqus", "https://disqus.com/api/3.0"),
          Map.entry("flickr", "https://api.flickr.com/services/rest"));

  private static final SiteOptions GIVEN =
      SiteOptions.defaults().withCredentials(new Credentials("id", "secret"));

  @Test
  void everySiteWithAnAppWideApiNamesItsRealBase() {
    REAL.forEach(
        (name, base) ->
            assertThat(Sites.byName(name).orElseThrow().create(GIVEN).apiBase())
                .as(name)
                .hasValueSatisfying(u -> assertThat(u.toString()).startsWith(base)));
  }

  @Test
  void theBaseFollowsTheOverrides() {
    SiteOptions moved = GIVEN.withAllBases(URI.create("http://127.0.0.1:9"));
    REAL.keySet()
        .forEach(
            name ->
                assertThat(Sites.byName(name).orElseThrow().create(moved).apiBase())
                    .as(name)
                    .hasValueSatisfying(
                        u -> assertThat(u.toString()).startsWith("http://127.0.0.1:9")));
  }

  @Test
  void sitesWithoutOneAppWideApiNameNone() {
    for (String name : new String[] {"mastodon", "bluesky", "indieauth", "misskey", "pixelfed"}) {
      assertThat(Sites.byName(name).orElseThrow().create(GIVEN).apiBase()).as(name).isEmpty();
    }
  }
}
