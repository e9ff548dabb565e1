package org.oauthdropins.testkit;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One row of the {@link SiteContractTest} table: how to run a shipped site against its fake. The
 * site itself is made as an app makes it ({@code Sites.byName(name).create(fake.options())}) and
 * the user's input at the start (an instance, a handle, a web site) is the fake's {@link
 * Fake#startParams()}, so a row holds only what differs between sites.
 *
 * @param name the site's name, as {@code Sites.byName} and {@link Fakes} know it
 * @param fake starts the site's fake
 * @param nextTokenAnswer makes the fake's next answer to the request that turns the user's approval
 *     into tokens (the code exchange, OAuth 1's token requests) be the given one instead
 * @param decline how the user declines on the consent page and ends back at the app
 * @param errorRedirect whether the provider reports an error by redirecting to the callback with
 *     {@code error=...}, as OAuth 2 does (OAuth 1 has no such answer)
 * @param refreshes whether a login holds a refresh token that {@code Site.refresh} spends
 */
record SiteCase(
    String name,
    Supplier<Fake> fake,
    BiConsumer<Fake, FakeResponse> nextTokenAnswer,
    BiFunction<Browser, Browser.Page, Browser.Page> decline,
    boolean errorRedirect,
    boolean refreshes) {

  /** Every site with a fake. A new site joins the contract with one row here. */
  static final List<SiteCase> ALL =
      List.of(
          oidc("blogger", FakeBlogger::new, false),
          row("bluesky", FakeBluesky::new, FakeBluesky.class, FakeBluesky::failNextToken)
              .refreshing(),
          oauth2("disqus", FakeDisqus::new, false),
          oauth2("dropbox", FakeDropbox::new, true),
          oauth2("facebook", FakeFacebook::new, false),
          oauth1("flickr", FakeFlickr::new).declinedBy(SiteCase::flickrDecline),
          oauth2("github", FakeGitHub::new, false),
          oidc("google_signin", FakeGoogle::new, true),
          row("indieauth", FakeIndieAuth::new, FakeIndieAuth.class, FakeIndieAuth::failNextRedeem),
          oauth2("instagram", FakeInstagram::new, false),
          oidc("linkedin", FakeLinkedIn::new, false),
          row("mastodon", FakeMastodon::new, FakeMastodon.class, FakeMastodon::failNextToken),
          oauth2("medium", FakeMedium::new, true),
          oauth2("meetup", FakeMeetup::new, true),
          row("pixelfed", FakePixelfed::new, FakeMastodon.class, FakeMastodon::failNextToken)
              .refreshing(),
          oauth2("reddit", FakeReddit::new, true),
          oauth2("threads", FakeThreads::new, false),
          oauth1("tumblr", FakeTumblr::new),
          oauth1("twitter", FakeTwitter::new),
          oauth2("twitter_v2", FakeTwitterV2::new, true),
          oauth2("wordpress_rest", FakeWordPress::new, false));

  /** A site on the OAuth 2 engine, whose fake's authorization server answers the code exchange. */
  static SiteCase oauth2(String name, Supplier<? extends OAuth2Fake> fake, boolean refreshes) {
    SiteCase c = row(name, fake, OAuth2Fake.class, (f, r) -> f.oauth().failNextToken(r));
    return refreshes ? c.refreshing() : c;
  }

  /** An OpenID Connect site: as OAuth 2, with an ID token beside the access token. */
  static SiteCase oidc(String name, Supplier<? extends FakeOidc> fake, boolean refreshes) {
    SiteCase c = row(name, fake, FakeOidc.class, (f, r) -> f.oauth().failNextToken(r));
    return refreshes ? c.refreshing() : c;
  }

  /** A site on the OAuth 1 engine: no error redirect, no refresh. */
  static SiteCase oauth1(String name, Supplier<? extends OAuth1Fake> fake) {
    return new SiteCase(
        name,
        fake::get,
        (f, r) -> ((OAuth1Fake) f).oauth().failNextToken(r),
        SiteCase::clickDeny,
        false,
        false);
  }

  /** A row whose fake of type {@code F} takes the next token answer by {@code failNext}. */
  static <F extends Fake> SiteCase row(
      String name,
      Supplier<? extends Fake> fake,
      Class<F> type,
      BiConsumer<F, FakeResponse> failNext) {
    return new SiteCase(
        name,
        fake::get,
        (f, r) -> failNext.accept(type.cast(f), r),
        SiteCase::clickDeny,
        true,
        false);
  }

  /** This row, for a site whose logins refresh. */
  SiteCase refreshing() {
    return new SiteCase(name, fake, nextTokenAnswer, decline, errorRedirect, true);
  }

  /** This row, with another way to decline. */
  SiteCase declinedBy(BiFunction<Browser, Browser.Page, Browser.Page> how) {
    return new SiteCase(name, fake, nextTokenAnswer, how, errorRedirect, refreshes);
  }

  private static Browser.Page clickDeny(Browser browser, Browser.Page consent) {
    return browser.click(consent, "Deny");
  }

  /**
   * Flickr's "No thanks" goes to Flickr's home page, never to the callback; the user comes back to
   * the app by the link there.
   */
  private static Browser.Page flickrDecline(Browser browser, Browser.Page consent) {
    Browser.Page home = browser.click(consent, "Deny");
    return browser.get(java.net.URI.create(home.html().getElementById("back").absUrl("href")));
  }

  @Override
  public String toString() {
    return name;
  }
}
