package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * The contract every shipped site keeps, run against each site's fake over loopback HTTP: a login
 * the user approves is stored, named in the finish redirect and added to the browser's logins; a
 * declined one ends declined; a forged, replayed, expired or other browser's state is refused; a
 * provider's error and its garbage or oversize answers are a 502; and a login with a refresh token
 * refreshes. A site's own test keeps only its quirks. A new site joins with one row in {@link
 * SiteCase#ALL}.
 */
class SiteContractTest {

  static Stream<SiteCase> sites() {
    return SiteCase.ALL.stream();
  }

  static Stream<SiteCase> sitesWithErrorRedirects() {
    return sites().filter(SiteCase::errorRedirect);
  }

  static Stream<SiteCase> sitesThatRefresh() {
    return sites().filter(SiteCase::refreshes);
  }

  @Test
  void everyShippedSiteAndEveryFakeIsInTheTable() {
    assertThat(SiteCase.ALL)
        .extracting(SiteCase::name)
        .containsExactlyInAnyOrderElementsOf(Sites.ALL.stream().map(SiteFactory::name).toList())
        .containsExactlyInAnyOrderElementsOf(Fakes.names());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void anApprovedLoginIsStoredNamedInTheFinishRedirectAndAddedToTheBrowsersLogins(SiteCase c) {
    try (Run run = new Run(c)) {
      assertStoredNamedAndAddedToTheBrowsersLogins(run, run.approve("my-app-state"));
    }
  }

  static Stream<Arguments> formLogins() {
    return sites().flatMap(c -> c.formLogins().stream().map(f -> Arguments.of(c, f)));
  }

  /**
   * Every other way a site's login finishes (Bluesky's app-password form) ends as the callback
   * does: an app that trusts only {@link Logins#verify} sees the user signed in.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formLogins")
  void aLoginFromAFormOfTheAppsIsStoredNamedInTheFinishRedirectAndAddedToTheBrowsersLogins(
      SiteCase c, SiteCase.FormLogin form) {
    try (Run run = new Run(c)) {
      Map<String, String> fields = new HashMap<>(form.fields());
      fields.put("state", "my-app-state");
      Browser.Page done = run.browser.post(run.app.url(form.path()), fields);

      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertStoredNamedAndAddedToTheBrowsersLogins(run, done);
    }
  }

  /** The finish page of an approved login: the login is stored, named, and this browser's only. */
  private static void assertStoredNamedAndAddedToTheBrowsersLogins(Run run, Browser.Page done) {
    assertThat(done.url().getPath()).isEqualTo("/after");
    Map<String, String> q = done.query();
    assertThat(q).containsEntry("state", "my-app-state").containsKey("auth_entity");
    Key key = Key.fromUrlsafe(q.get("auth_entity"));
    assertThat(key.kind()).isEqualTo(run.site.kind());
    assertThat(run.store.get(key)).isPresent();
    AuthEntity auth = run.site.load(run.store, key).orElseThrow();
    assertThat(auth.key()).isEqualTo(key);
    assertThat(auth.siteName()).isEqualTo(run.site.name());
    if (q.containsKey("access_token")) {
      assertThat(auth.toString()).doesNotContain(q.get("access_token"));
    }

    var after = run.browser.requestTo(run.app.url("/after"));
    assertThat(run.app.logins().get(after))
        .containsExactly(new Logins.Login(run.site.name(), auth.userDisplayName(), key));
    assertThat(run.app.logins().verify(after, q.get("auth_entity"))).contains(key);
    assertThat(
            run.app
                .logins()
                .verify(new Browser().requestTo(run.app.url("/after")), q.get("auth_entity")))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aDeclinedLoginEndsDeclinedWithOnlyTheAppStateAndStoresNothing(SiteCase c) {
    try (Run run = new Run(c)) {
      Browser.Page done = c.decline().apply(run.browser, run.start("xyz"));

      assertThat(done.url().getPath()).isEqualTo("/after");
      assertThat(done.query())
          .containsOnly(Map.entry("declined", "true"), Map.entry("state", "xyz"));
      assertThat(run.store.puts).hasValue(0);
      assertThat(run.app.logins().get(run.browser.requestTo(run.app.url("/after")))).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aForgedStateIsRefusedAndStoresNothing(SiteCase c) {
    try (Run run = new Run(c)) {
      run.start("s");
      Browser.Page done =
          run.browser.get(
              run.app.url("/" + c.name() + "/oauth_callback?code=abc&state=" + "A".repeat(32)));

      run.assertRefused(done, "unknown, expired or already used state", 0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aReplayedCallbackIsRefusedAsAlreadyUsedAndStoresNothingMore(SiteCase c) {
    try (Run run = new Run(c)) {
      Browser.Page done = run.approve("s");
      int stored = run.store.puts.get();

      Browser.Page again = run.browser.send(run.callbackSentBy(run.browser));

      run.assertRefused(again, "already used", stored);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aLoginApprovedMoreThanTenMinutesAfterItsStartIsRefusedAsExpired(SiteCase c) {
    try (Run run = new Run(c)) {
      Browser.Page consent = run.start("s");
      run.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

      Browser.Page done = run.browser.click(consent, "Approve");

      run.assertRefused(done, "expired", 0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aCallbackInAnotherBrowserIsRefusedAndLeavesTheLoginToTheBrowserThatStartedIt(SiteCase c) {
    try (Run run = new Run(c)) {
      Browser.Page consent = run.start("s");

      Browser other = new Browser();
      Browser.Page elsewhere = other.click(consent, "Approve");

      run.assertRefused(elsewhere, "not started in this browser", 0);
      assertThat(run.browser.send(run.callbackSentBy(other)).status()).isEqualTo(200);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sitesWithErrorRedirects")
  void anErrorTheProviderRedirectsWithIsA502NamingItAndStoresNothing(SiteCase c) {
    try (Run run = new Run(c)) {
      Browser.Sent callback = run.callbackAsTheProviderSendsIt();
      Map<String, String> params = new LinkedHashMap<>(callback.params());
      params.remove("code");
      params.put("error", "server_error");
      params.put("error_description", "Try later");

      Browser.Page done = run.browser.send(callback.withParams(params));

      assertThat(done.status()).isEqualTo(502);
      assertThat(done.body()).contains("server_error").doesNotContain("Exception");
      assertThat(run.store.puts).hasValue(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aTokenRequestTheProviderRefusesIsA502NamingTheSiteAndStoresNothing(SiteCase c) {
    String body =
        assertProviderAnswerIsA502(
            c,
            FakeResponse.json(
                400, Map.of("error", "invalid_grant", "error_description", "bad code")));
    assertThat(body).contains("refused");
    if (c.errorRedirect()) {
      // OAuth 2's error answer is read and its code shown; OAuth 1 has none to read.
      assertThat(body).contains("invalid_grant");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aGarbageTokenAnswerIsA502ThatDoesNotEchoItAndStoresNothing(SiteCase c) {
    String body =
        assertProviderAnswerIsA502(
            c, FakeResponse.html("<html><body>Gateway trouble</body></html>"));
    assertThat(body)
        .doesNotContain("Gateway trouble")
        .containsAnyOf("not a token response", "not JSON", "has no oauth_token");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void anOversizeTokenAnswerIsA502AndStoresNothing(SiteCase c) {
    String body =
        assertProviderAnswerIsA502(
            c, FakeResponse.json(200, Map.of("access_token", "x".repeat(2 << 20))));
    assertThat(body).contains("larger than");
  }

  /** Logs in with the provider's next token answer replaced; returns the 502 page's text. */
  private static String assertProviderAnswerIsA502(SiteCase c, FakeResponse answer) {
    try (Run run = new Run(c)) {
      Browser.Page consent = run.start("s");
      c.nextTokenAnswer().accept(run.fake, answer);

      Browser.Page done = run.browser.click(consent, "Approve");

      assertThat(done.status()).as(done.body()).isEqualTo(502);
      assertThat(done.body())
          .startsWith(c.name() + " ")
          .doesNotContain("Exception")
          .doesNotContain("<html");
      assertThat(run.store.puts).hasValue(0);
      return done.body();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aCallbackWithoutStateIsRefused(SiteCase c) {
    try (Run run = new Run(c)) {
      run.start("s");
      Browser.Page done = run.browser.get(run.app.url("/" + c.name() + "/oauth_callback?code=abc"));
      run.assertRefused(done, "missing state", 0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sitesWithErrorRedirects")
  void aCallbackWithoutCodeOrErrorIsRefused(SiteCase c) {
    try (Run run = new Run(c)) {
      Browser.Sent callback = run.callbackAsTheProviderSendsIt();
      Map<String, String> params = new LinkedHashMap<>(callback.params());
      params.remove("code");

      Browser.Page done = run.browser.send(callback.withParams(params));

      run.assertRefused(done, "missing code", 0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aDeclineWithoutAppStateSendsNoStateParameter(SiteCase c) {
    try (Run run = new Run(c)) {
      Browser.Page done = c.decline().apply(run.browser, run.start(null));

      assertThat(done.url().getPath()).isEqualTo("/after");
      assertThat(done.url().getRawQuery()).isEqualTo("declined=true");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sitesThatRefresh")
  void aTokenPastItsStoredExpiryIsRefreshedBeforeUseAndWrittenBack(SiteCase c) {
    try (Run run = new Run(c)) {
      AuthRecord before = run.approvedRecord();
      Key key = before.key();
      assertThat(before.refreshToken()).isNotNull();
      run.store.put(
          before.withTokens(before.token(), before.refreshToken(), Instant.now().minusSeconds(1)));
      AuthEntity auth = run.site.load(run.store, key).orElseThrow();

      HttpResult answer = c.api().apply(run.fake, auth);

      assertThat(answer.status()).as(answer.text()).isEqualTo(200);
      AuthRecord after = run.store.get(key).orElseThrow();
      // The login in hand carries the new tokens too (compared by record: a Bluesky login shows
      // none of its DPoP-bound tokens).
      assertThat(after.token()).isNotEqualTo(before.token()).isEqualTo(auth.record().token());
      assertThat(after.refreshToken()).isNotNull().isEqualTo(auth.record().refreshToken());
      assertThat(after.expiresAt() == null || after.expiresAt().isAfter(Instant.now())).isTrue();
      if (!after.refreshToken().equals(before.refreshToken())) {
        // A rotated refresh token is spent.
        assertThatThrownBy(() -> run.site.refresh(before, run.store))
            .isInstanceOf(ProviderException.class)
            .hasMessageContaining("invalid_grant");
      }
    }
  }

  /**
   * A login that holds only a refresh token, as the Python library stores a Reddit login, refreshes
   * once before its first call instead of sending no token.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sitesThatRefresh")
  void aLoginHoldingOnlyARefreshTokenRefreshesOnceBeforeItsFirstCall(SiteCase c) {
    try (Run run = new Run(c)) {
      AuthRecord before = run.approvedRecord();
      Key key = before.key();
      run.store.put(before.withTokens(null, before.refreshToken(), null));
      AuthEntity auth = run.site.load(run.store, key).orElseThrow();
      int puts = run.store.puts.get();

      HttpResult answer = c.api().apply(run.fake, auth);

      assertThat(answer.status()).as(answer.text()).isEqualTo(200);
      assertThat(run.store.get(key).orElseThrow().token())
          .isNotNull()
          .isEqualTo(auth.record().token());
      assertThat(run.store.puts).hasValue(puts + 1);
    }
  }

  /** One site mounted against its fake, with a store that counts writes and a clock to move. */
  static final class Run implements AutoCloseable {
    final MutableClock clock = new MutableClock();
    final CountingStore store = new CountingStore(clock);
    final Fake fake;
    final Site<?> site;
    final TestApp app;
    final Browser browser = new Browser();
    final Map<String, String> input;

    Run(SiteCase c) {
      fake = c.fake().get();
      site = Sites.byName(c.name()).orElseThrow().create(fake.options());
      app = TestApp.withTokensInFinish(store).clock(clock).mount(site, fake);
      input = fake.startParams();
    }

    /** Posts the site's start form with the fake's inputs, landing on its consent page. */
    Browser.Page start(String state) {
      Map<String, String> form = new HashMap<>(input);
      if (state != null) {
        form.put("state", state);
      }
      return browser.post(app.url("/" + site.name() + "/start"), form);
    }

    /**
     * The callback request the provider sends the browser with after an approval (code, state,
     * iss...), a redirect or a form_post, taken from a browser that did not start the login, so
     * that the login is still pending.
     */
    Browser.Sent callbackAsTheProviderSendsIt() {
      Browser other = new Browser();
      other.click(start("s"), "Approve");
      return callbackSentBy(other);
    }

    /** The last request a browser sent to this site's callback. */
    Browser.Sent callbackSentBy(Browser b) {
      String path = "/" + site.name() + "/oauth_callback";
      List<Browser.Sent> sent = b.history();
      for (int i = sent.size() - 1; i >= 0; i--) {
        if (sent.get(i).url().getPath().equals(path)) {
          return sent.get(i);
        }
      }
      throw new IllegalStateException("the browser never reached " + path);
    }

    /** A whole approved login, ending on the app's finish page. */
    Browser.Page approve(String state) {
      Browser.Page done = browser.click(start(state), "Approve");
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      return done;
    }

    /** The stored record of a whole approved login. */
    AuthRecord approvedRecord() {
      return store.get(Key.fromUrlsafe(approve("s").query().get("auth_entity"))).orElseThrow();
    }

    /** A 400 that names the problem, with no login written since {@code stored} were. */
    void assertRefused(Browser.Page page, String text, int stored) {
      assertThat(page.status()).isEqualTo(400);
      assertThat(page.body()).contains(text);
      assertThat(store.puts).hasValue(stored);
    }

    @Override
    public void close() {
      app.close();
      fake.close();
    }
  }

  /** A memory store that counts the logins written to it, refreshed ones included. */
  static final class CountingStore extends ForwardingStore {
    final AtomicInteger puts = new AtomicInteger();

    CountingStore(java.time.Clock clock) {
      super(new MemoryStore(clock));
    }

    @Override
    public AuthRecord put(AuthRecord record) {
      puts.incrementAndGet();
      return super.put(record);
    }

    @Override
    public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
      Optional<AuthRecord> written = super.putIfTokensUnchanged(spent, fresh);
      written.ifPresent(r -> puts.incrementAndGet());
      return written;
    }
  }
}
