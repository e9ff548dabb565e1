package org.oauthdropins.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.sites.dropbox.Dropbox;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeDropbox;
import org.oauthdropins.testkit.FakeResponse;
import org.oauthdropins.testkit.TestApp;

/** Real logins over loopback HTTP against the fake Dropbox, counted in a real registry. */
class MicrometerLoginListenerTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FakeDropbox dropbox = new FakeDropbox();
  private final Site<?> site =
      Dropbox.create(dropbox.options().withListener(new MicrometerLoginListener(registry)));
  private final TestApp app = new TestApp(new MemoryStore()).mount(site, dropbox);
  private final Browser browser = new Browser();

  @AfterEach
  void tearDown() {
    app.close();
    dropbox.close();
  }

  private Browser.Page login(String button) {
    return browser.click(browser.post(app.url("/dropbox/start"), Map.of()), button);
  }

  private Timer logins(String outcome, String error) {
    return registry
        .get(MicrometerLoginListener.LOGINS)
        .tags("site", "dropbox", "outcome", outcome, "error", error)
        .timer();
  }

  @Test
  void eachOutcomeIsATimerBySiteOutcomeAndErrorClass() {
    login("Approve");
    login("Approve");
    login("Deny");
    dropbox.oauth().failNextToken(FakeResponse.text(500, "down"));
    login("Approve");
    browser.get(app.url("/dropbox/oauth_callback?code=x&state=forged"));

    assertThat(logins("started", "none").count()).isEqualTo(4);
    assertThat(logins("succeeded", "none").count()).isEqualTo(2);
    assertThat(logins("succeeded", "none").totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(logins("declined", "none").count()).isEqualTo(1);
    assertThat(logins("failed", "Provider").count()).isEqualTo(1);
    assertThat(logins("failed", "BadRequest").count()).isEqualTo(1);
    assertThat(registry.find(MicrometerLoginListener.REFRESHES).counters()).isEmpty();
  }

  @Test
  void aRefreshOfAStoredLoginIsCountedApartFromLogins() {
    Browser.Page done = login("Approve");
    AuthEntity auth =
        site.load(app.store(), Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();

    auth.refresh();

    assertThat(
            registry
                .get(MicrometerLoginListener.REFRESHES)
                .tags("site", "dropbox", "outcome", "refreshed", "error", "none")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(logins("succeeded", "none").count()).isEqualTo(1);
  }
}
