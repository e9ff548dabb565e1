package org.oauthdropins.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Every fake, by site name, for the demo's sandbox and for tests that loop over sites. */
public final class Fakes {

  private static final Map<String, Supplier<Fake>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("apple", FakeApple::new);
    ALL.put("bluesky", FakeBluesky::new);
    ALL.put("blogger", FakeBlogger::new);
    ALL.put("discord", FakeDiscord::new);
    ALL.put("disqus", FakeDisqus::new);
    ALL.put("dropbox", FakeDropbox::new);
    ALL.put("facebook", FakeFacebook::new);
    ALL.put("fediverse", FakeFediverse::new);
    ALL.put("flickr", FakeFlickr::new);
    ALL.put("github", FakeGitHub::new);
    ALL.put("gitlab", FakeGitLab::new);
    ALL.put("google_signin", FakeGoogle::new);
    ALL.put("indieauth", FakeIndieAuth::new);
    ALL.put("instagram", FakeInstagram::new);
    ALL.put("keycloak", FakeKeycloak::new);
    ALL.put("linkedin", FakeLinkedIn::new);
    ALL.put("line", FakeLine::new);
    ALL.put("kakao", FakeKakao::new);
    ALL.put("naver", FakeNaver::new);
    ALL.put("yandex", FakeYandex::new);
    ALL.put("vkid", FakeVkId::new);
    ALL.put("orcid", FakeOrcid::new);
    ALL.put("strava", FakeStrava::new);
    ALL.put("patreon", FakePatreon::new);
    ALL.put("zoom", FakeZoom::new);
    ALL.put("mastodon", FakeMastodon::new);
    ALL.put("medium", FakeMedium::new);
    ALL.put("meetup", FakeMeetup::new);
    ALL.put("microsoft", FakeMicrosoft::new);
    ALL.put("misskey", FakeMisskey::new);
    ALL.put("okta", FakeOkta::new);
    ALL.put("auth0", FakeAuth0::new);
    ALL.put("cognito", FakeCognito::new);
    ALL.put("salesforce", FakeSalesforce::new);
    ALL.put("yahoo", FakeYahoo::new);
    ALL.put("amazon", FakeAmazon::new);
    ALL.put("paypal", FakePayPal::new);
    ALL.put("atlassian", FakeAtlassian::new);
    ALL.put("bitbucket", FakeBitbucket::new);
    ALL.put("pixelfed", FakePixelfed::new);
    ALL.put("reddit", FakeReddit::new);
    ALL.put("slack", FakeSlack::new);
    ALL.put("spotify", FakeSpotify::new);
    ALL.put("threads", FakeThreads::new);
    ALL.put("tumblr", FakeTumblr::new);
    ALL.put("twitch", FakeTwitch::new);
    ALL.put("twitter", FakeTwitter::new);
    ALL.put("twitter_v2", FakeTwitterV2::new);
    ALL.put("wordpress_rest", FakeWordPress::new);
    ALL.put("box", FakeBox::new);
    ALL.put("notion", FakeNotion::new);
    ALL.put("figma", FakeFigma::new);
    ALL.put("linear", FakeLinear::new);
    ALL.put("pinterest", FakePinterest::new);
    ALL.put("tiktok", FakeTikTok::new);
    ALL.put("gitea", FakeGitea::new);
    ALL.put("codeberg", FakeGitea::codeberg);
    ALL.put("nextcloud", FakeNextcloud::new);
    ALL.put("microblog", FakeIndieAuth::microBlog);
  }

  private Fakes() {}

  /** Starts the fake of a site, if there is one. */
  public static Optional<Fake> start(String site) {
    Supplier<Fake> s = ALL.get(site);
    return s == null ? Optional.empty() : Optional.of(s.get());
  }

  /** The names of the sites that have a fake. */
  public static java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(ALL.keySet());
  }
}
