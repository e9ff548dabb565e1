package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.Site;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.ForwardingStore;
import org.oauthdropins.testkit.TestApp;

/**
 * A pending login travels sealed in a cookie of its own (the default): a start writes nothing to
 * any store, and what the store used to guarantee still holds: the callback is used once even with
 * its cookie copied, the cookie opens only unaltered, two tabs finish both, a browser holds a
 * bounded number of them, and two servers sharing the store and its ring finish each other's
 * logins.
 */
class PendingCookieTest {

  private static final String PREFIX = "oauthdropins_pending_";

  @RegisterExtension final Scene scene = new Scene();
  private final Browser victim = new Browser();

  /** A store that counts every call on any of its four concerns. */
  private static final class CountingStore extends ForwardingStore {
    final AtomicInteger calls = new AtomicInteger();

    CountingStore(AuthStore delegate) {
      super(delegate);
    }

    @Override
    protected void before() {
      calls.incrementAndGet();
    }
  }

  @Test
  void aStartWritesNothingToAnyStore() {
    try (FakeGitHub github = new FakeGitHub()) {
      CountingStore store = new CountingStore(new MemoryStore());
      Site<?> site = GitHub.create(github.options());
      try (TestApp app = new TestApp(store).mount(site, github)) {
        Browser browser = new Browser();

        Browser.Page consent = browser.post(app.url("/github/start"), java.util.Map.of());
        Browser.Page again = browser.post(app.url("/github/start"), java.util.Map.of());

        assertThat(consent.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(store.calls.get()).as("store calls during two starts").isZero();
        // The callback is one store write: the login with its state spent.
        assertThat(browser.click(again, "Approve").status()).isEqualTo(200);
        assertThat(store.calls.get()).as("store calls during the callback").isEqualTo(1);
      }
    }
  }

  @Test
  void aCallbackReplayedWithItsPendingCookieCopiedIsRefusedByTheApp() {
    URI callback = Scene.approveWithoutFollowing(scene.start(victim, "s"));
    Browser thief = new Browser();
    copyCookies(victim, thief, callback);

    assertThat(victim.get(callback).status()).isEqualTo(200);
    Browser.Page replay = thief.get(callback);

    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.body()).contains("already used");
    assertThat(scene.store.put).hasSize(1);
  }

  @Test
  void theCallbackClearsItsPendingCookie() {
    Browser.Page consent = scene.start(victim, "s");
    assertThat(pendingCookies(victim)).hasSize(1);

    assertThat(victim.click(consent, "Approve").status()).isEqualTo(200);

    assertThat(pendingCookies(victim)).isEmpty();
  }

  @Test
  void anAlteredPendingCookieOpensToNothing() {
    URI callback = Scene.approveWithoutFollowing(scene.start(victim, "s"));
    HttpCookie pending = pendingCookies(victim).get(0);
    String v = pending.getValue();
    char last = v.charAt(v.length() - 1);
    pending.setValue(v.substring(0, v.length() - 1) + (last == 'A' ? 'B' : 'A'));

    Browser.Page done = victim.get(callback);

    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("unknown, expired or already used state");
    assertThat(scene.store.put).isEmpty();
  }

  @Test
  void twoTabsLoggingInAtOnceBothFinish() {
    Browser.Page first = scene.start(victim, "tab-1");
    Browser.Page second = scene.start(victim, "tab-2");

    Browser.Page secondDone = victim.click(second, "Approve");
    Browser.Page firstDone = victim.click(first, "Approve");

    assertThat(secondDone.status()).isEqualTo(200);
    assertThat(secondDone.query()).containsEntry("state", "tab-2");
    assertThat(firstDone.status()).isEqualTo(200);
    assertThat(firstDone.query()).containsEntry("state", "tab-1");
  }

  @Test
  void aBrowserHoldsABoundedNumberOfPendingCookies() {
    for (int i = 0; i < 10; i++) {
      scene.start(victim, "s" + i);
      assertThat(pendingCookies(victim).size()).isLessThanOrEqualTo(4);
    }
  }

  @Test
  void twoServersSharingTheStoreAndItsRingFinishEachOthersLogins() {
    try (TestApp other = new TestApp(scene.store).clock(scene.clock).mount(scene.site)) {
      URI callback = Scene.approveWithoutFollowing(scene.start(victim, "s"));
      URI atOther = other.url(callback.getRawPath() + "?" + callback.getRawQuery());

      Browser.Page done = victim.get(atOther);

      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(done.url().getPort()).isEqualTo(other.url().getPort());
      assertThat(scene.store.put).hasSize(1);
      // Spent on the second server: the first refuses it too.
      assertThat(victim.get(callback).status()).isEqualTo(400);
    }
  }

  private static List<HttpCookie> pendingCookies(Browser b) {
    return b.cookies().getCookieStore().getCookies().stream()
        .filter(c -> c.getName().startsWith(PREFIX))
        .toList();
  }

  private static void copyCookies(Browser from, Browser to, URI url) {
    for (HttpCookie c : from.cookies().getCookieStore().get(url)) {
      to.cookies().getCookieStore().add(url, (HttpCookie) c.clone());
    }
  }
}
