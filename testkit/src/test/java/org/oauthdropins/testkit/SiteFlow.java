package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * One site mounted in a {@link TestApp} against its fake, and a browser to click through it.
 *
 * @param <A> the site's entity type
 */
final class SiteFlow<A extends AuthEntity> implements AutoCloseable {

  final Fake fake;
  final Site<A> site;
  final TestApp app;
  final Browser browser = new Browser();

  SiteFlow(Fake fake, Function<SiteOptions, ? extends Site<A>> create) {
    this.fake = fake;
    this.site = create.apply(fake.options());
    this.app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, fake);
  }

  /** Posts to the site's start handler, landing on the fake's consent page. */
  Browser.Page start(String state) {
    return browser.post(
        app.url("/" + site.name() + "/start"), state == null ? Map.of() : Map.of("state", state));
  }

  /** A whole approved login, ending on the app's finish page. */
  Browser.Page approve(String state) {
    return browser.click(start(state), "Approve");
  }

  /** Sends the browser to the callback with these provider parameters and the pending state. */
  Browser.Page callback(Browser.Page consent, String query) {
    String state = consent.query().get("state");
    return browser.get(app.url("/" + site.name() + "/oauth_callback?" + query + "&state=" + state));
  }

  /** The stored entity a finish page names. */
  A entity(Browser.Page done) {
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.url().getPath()).isEqualTo("/after");
    return site.load(app.store(), Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
  }

  /** Replaces a stored record's expiry, as if time had passed. */
  void expire(AuthEntity auth, java.time.Instant at) {
    AuthRecord r = auth.record();
    app.store().put(r.withTokens(r.token(), r.refreshToken(), at));
  }

  /** Asserts the user-declined finish: {@code declined=true} and the app's state, nothing else. */
  static void assertDeclined(Browser.Page done, String state) {
    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsOnly(Map.entry("declined", "true"), Map.entry("state", state));
  }

  /** Asserts a plain-text 502 that names the problem. */
  static void assertProviderFailure(Browser.Page done, String text) {
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains(text).doesNotContain("Exception");
  }

  @Override
  public void close() {
    app.close();
    fake.close();
  }
}
