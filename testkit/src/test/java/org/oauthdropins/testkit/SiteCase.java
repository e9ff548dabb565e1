package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;

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
 * @param api for a site whose logins refresh: a request to the fake's API that the stored login
 *     signs, answered 200 while its token is good; null for a site without refresh tokens
 * @param formLogins the site's other ways to log in, from a form of the app's own (Bluesky's app
 *     password): each must end as a login through the start form does
 */
record SiteCase(
    String name,
    Supplier<Fake> fake,
    BiConsumer<Fake, FakeResponse> nextTokenAnswer,
    BiFunction<Browser, Browser.Page, Browser.Page> decline,
    boolean errorRedirect,
    BiFunction<Fake, AuthEntity, HttpResult> api,
    List<FormLogin> formLogins) {

  /**
   * A login that the app's own form posts to a handler of the library, which finishes it at once.
   *
   * @param path where the app mounts the handler
   * @param fields the form's fields for the fake's account
   */
  record FormLogin(String path, Map<String, String> fields) {
    @Override
    public String toString() {
      return path;
    }
  }

  /** Every site with a fake. A new site joins the contract with one row here. */
  static final List<SiteCase> ALL =
      List.of(
          oidc("apple", FakeApple::new),
          oidc("blogger", FakeBlogger::new),
          row("bluesky", FakeBluesky::new, FakeBluesky.class, FakeBluesky::failNextToken)
              .refreshing(
                  (f, a) ->
                      a.get(
                          f.url()
                              + "/xrpc/app.bsky.actor.getProfile?actor="
                              + FakeBluesky.OTHER_DID))
              .withFormLogin(new FormLogin("/bluesky/password", FakeBluesky.passwordForm(null))),
          oauth2("discord", FakeDiscord::new).refreshing(get("/api/v10/users/@me")),
          oauth2("disqus", FakeDisqus::new),
          oauth2("dropbox", FakeDropbox::new)
              .refreshing(
                  (f, a) ->
                      a.send(
                          new HttpCall(
                              "POST",
                              URI.create(f.url() + "/2/users/get_current_account"),
                              List.of(),
                              null))),
          oauth2("facebook", FakeFacebook::new),
          row("fediverse", FakeFediverse::new, FakeMastodon.class, FakeMastodon::failNextToken),
          oauth1("flickr", FakeFlickr::new).declinedBy(SiteCase::flickrDecline),
          oauth2("github", FakeGitHub::new),
          oidc("gitlab", FakeGitLab::new).refreshing(get("/oauth/userinfo")),
          oidc("google_signin", FakeGoogle::new).refreshing(get("/v1/userinfo")),
          row("indieauth", FakeIndieAuth::new, FakeIndieAuth.class, FakeIndieAuth::failNextRedeem),
          oauth2("instagram", FakeInstagram::new),
          oidc("keycloak", FakeKeycloak::new).refreshing(get("/protocol/openid-connect/userinfo")),
          oidc("linkedin", FakeLinkedIn::new),
          oauth2("line", FakeLine::new).refreshing(get("/v2/profile")),
          oauth2("kakao", FakeKakao::new).refreshing(get("/v2/user/me")),
          oauth2("naver", FakeNaver::new).refreshing(get("/v1/nid/me")),
          oauth2("yandex", FakeYandex::new).refreshing(get("/info?format=json")),
          oauth2("vkid", FakeVkId::new).refreshing(vkApi(get("/method/users.get?v=5.199"))),
          oauth2("orcid", FakeOrcid::new)
              .refreshing(get("/v3.0/" + FakeOrcid.CARBERRY_ID + "/person")),
          oauth2("strava", FakeStrava::new).refreshing(get("/api/v3/athlete")),
          oauth2("patreon", FakePatreon::new).refreshing(get("/api/oauth2/v2/identity")),
          oauth2("zoom", FakeZoom::new).refreshing(get("/v2/users/me")),
          row("mastodon", FakeMastodon::new, FakeMastodon.class, FakeMastodon::failNextToken),
          oauth2("medium", FakeMedium::new).refreshing(get("/v1/me")),
          oauth2("meetup", FakeMeetup::new)
              .refreshing(
                  (f, a) -> a.post(f.url() + "/gql-ext", Map.of("query", "query { self { id } }"))),
          oidc("microsoft", FakeMicrosoft::new),
          new SiteCase(
              "misskey",
              FakeMisskey::new,
              (f, r) -> ((FakeMisskey) f).failNextCheck(r),
              SiteCase::misskeyDecline,
              false,
              null,
              List.of()),
          oidc("okta", FakeOkta::new),
          oidc("auth0", FakeAuth0::new),
          oidc("cognito", FakeCognito::new)
              .refreshing((f, a) -> a.get(((FakeCognito) f).domain() + "/oauth2/userInfo")),
          oidc("salesforce", FakeSalesforce::new),
          oidc("yahoo", FakeYahoo::new).refreshing(get("/openid/v1/userinfo")),
          oauth2("amazon", FakeAmazon::new).refreshing(get("/user/profile")),
          oauth2("paypal", FakePayPal::new)
              .refreshing(get("/v1/identity/oauth2/userinfo?schema=paypalv1.1")),
          oauth2("atlassian", FakeAtlassian::new),
          oauth2("bitbucket", FakeBitbucket::new).refreshing(get("/2.0/user")),
          row("pixelfed", FakePixelfed::new, FakeMastodon.class, FakeMastodon::failNextToken)
              .refreshing(get("/api/v1/accounts/verify_credentials")),
          oauth2("reddit", FakeReddit::new).refreshing(get("/api/v1/me")),
          oidc("slack", FakeSlack::new),
          oauth2("spotify", FakeSpotify::new).refreshing(get("/v1/me")),
          oauth2("threads", FakeThreads::new),
          oauth1("tumblr", FakeTumblr::new),
          oidc("twitch", FakeTwitch::new).refreshing(get("/oauth2/userinfo")),
          oauth1("twitter", FakeTwitter::new),
          oauth2("twitter_v2", FakeTwitterV2::new).refreshing(get("/2/users/me")),
          oauth2("wordpress_rest", FakeWordPress::new),
          oauth2("box", FakeBox::new).refreshing(get("/2.0/users/me")),
          oauth2("notion", FakeNotion::new).refreshing(get("/v1/users/me")),
          oauth2("figma", FakeFigma::new).refreshing(get("/v1/me")),
          oauth2("linear", FakeLinear::new)
              .refreshing(
                  (f, a) ->
                      a.send(
                          HttpCall.postJson(
                              URI.create(f.url() + "/graphql"),
                              Map.of("query", "query { viewer { id } }")))),
          oauth2("pinterest", FakePinterest::new).refreshing(get("/v5/user_account")),
          oauth2("tiktok", FakeTikTok::new).refreshing(get("/v2/user/info/?fields=open_id")),
          oidc("gitea", FakeGitea::new).refreshing(get("/login/oauth/userinfo")),
          oidc("codeberg", FakeGitea::codeberg).refreshing(get("/login/oauth/userinfo")),
          oauth2("nextcloud", FakeNextcloud::new)
              .refreshing(get("/ocs/v2.php/cloud/user?format=json")),
          row(
              "microblog",
              FakeIndieAuth::microBlog,
              FakeIndieAuth.class,
              FakeIndieAuth::failNextRedeem));

  /** A site on the OAuth 2 engine, whose fake's authorization server answers the code exchange. */
  static SiteCase oauth2(String name, Supplier<? extends OAuth2Fake> fake) {
    return row(name, fake, OAuth2Fake.class, (f, r) -> f.oauth().failNextToken(r));
  }

  /** An OpenID Connect site: as OAuth 2, with an ID token beside the access token. */
  static SiteCase oidc(String name, Supplier<? extends FakeOidc> fake) {
    return row(name, fake, FakeOidc.class, (f, r) -> f.oauth().failNextToken(r));
  }

  /** A site on the OAuth 1 engine: no error redirect, no refresh. */
  static SiteCase oauth1(String name, Supplier<? extends OAuth1Fake> fake) {
    return new SiteCase(
        name,
        fake::get,
        (f, r) -> ((OAuth1Fake) f).oauth().failNextToken(r),
        SiteCase::clickDeny,
        false,
        null,
        List.of());
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
        null,
        List.of());
  }

  /** This row, for a site whose logins refresh, with a call to its API that a login signs. */
  SiteCase refreshing(BiFunction<Fake, AuthEntity, HttpResult> call) {
    return new SiteCase(name, fake, nextTokenAnswer, decline, errorRedirect, call, formLogins);
  }

  /** This row, with one more way to log in from a form of the app's. */
  SiteCase withFormLogin(FormLogin form) {
    List<FormLogin> all = new java.util.ArrayList<>(formLogins);
    all.add(form);
    return new SiteCase(name, fake, nextTokenAnswer, decline, errorRedirect, api, List.copyOf(all));
  }

  /** A GET of this path at the fake. */
  static BiFunction<Fake, AuthEntity, HttpResult> get(String path) {
    return (f, a) -> a.get(f.url() + path);
  }

  /**
   * The VK API answers a refused token with a 200 whose body holds an {@code error} object: read as
   * the 401 the contract takes for a token that no longer works.
   */
  static BiFunction<Fake, AuthEntity, HttpResult> vkApi(
      BiFunction<Fake, AuthEntity, HttpResult> call) {
    return (f, a) -> {
      HttpResult r = call.apply(f, a);
      boolean refused =
          r.status() == 200
              && new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)
                  .contains("\"error\"");
      return refused ? new HttpResult(401, r.uri(), r.headers(), r.body()) : r;
    };
  }

  /** Whether a login holds a refresh token that is spent when its access token is due. */
  boolean refreshes() {
    return api != null;
  }

  /** This row, with another way to decline. */
  SiteCase declinedBy(BiFunction<Browser, Browser.Page, Browser.Page> how) {
    return new SiteCase(name, fake, nextTokenAnswer, how, errorRedirect, api, formLogins);
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
    return browser.get(URI.create(home.html().getElementById("back").absUrl("href")));
  }

  /**
   * Misskey's Deny goes nowhere (its page says the app was denied); the user comes back to the app
   * by its callback with the session, where the check finds no token.
   */
  private static Browser.Page misskeyDecline(Browser browser, Browser.Page consent) {
    Browser.Page denied = browser.click(consent, "Deny");
    assertThat(denied.url().getPath()).startsWith("/miauth/");
    return browser.follow(denied, "Back to the app");
  }

  @Override
  public String toString() {
    return name;
  }
}
