package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.Site;
import org.oauthdropins.sites.dropbox.Dropbox;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeDropbox;

/**
 * The state is the library's own single-use nonce, bound to the browser and the site that started
 * the login, and expiring: a callback with a forged, replayed, expired, oversize state, a state
 * from another browser (even one with a binding cookie of its own) or one taken to another site's
 * callback is a 400 that stores nothing and consumes nothing.
 */
class StateAttackTest {

  @RegisterExtension final Scene scene = scene();

  /** The app the attacks run against: pending logins sealed in their cookies, the default. */
  Scene scene() {
    return new Scene();
  }

  private final Browser victim = new Browser();
  private final Browser attacker = new Browser();

  @Test
  void aForgedStateFindsNothingAndStoresNothing() {
    scene.start(victim, "s");
    int before = scene.store.touches();
    Browser.Page done = victim.get(scene.callback("code=abc&state=" + "A".repeat(32)));
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("unknown, expired or already used state");
    assertThat(scene.store.touches()).isEqualTo(before);
  }

  @Test
  void aReplayedCallbackIsRefusedAndStoresNothingMore() {
    Browser.Page done = victim.click(scene.start(victim, "s"), "Approve");
    assertThat(done.status()).isEqualTo(200);
    URI callback = done.redirects().get(done.redirects().size() - 1);
    int stored = scene.store.put.size();

    Browser.Page again = victim.get(callback);

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("already used");
    assertThat(scene.store.put).hasSize(stored);
  }

  @Test
  void anExpiredStateIsRefusedAfterTenMinutes() {
    Browser.Page consent = scene.start(victim, "s");
    scene.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    Browser.Page done = victim.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("expired");
    assertThat(scene.store.put).isEmpty();
  }

  @Test
  void oneBrowserStartingMoreLoginsThanTheCapKeepsOnlyItsNewest() {
    List<Browser.Page> consents = new ArrayList<>();
    for (int i = 0; i <= AuthStore.PENDING_PER_BROWSER; i++) {
      scene.clock.advance(Duration.ofSeconds(1));
      consents.add(scene.start(victim, "s" + i));
    }
    // The first start made the browser's id (nothing of it stored yet); every later one sent it
    // back, and the cap counts the first one too.
    assertThat(victim.click(consents.get(0), "Approve").status()).isEqualTo(400);
    assertThat(victim.click(consents.get(consents.size() - 1), "Approve").status()).isEqualTo(200);
  }

  @Test
  void aStateIsStillGoodJustBeforeItExpires() {
    Browser.Page consent = scene.start(victim, "s");
    scene.clock.advance(Duration.ofMinutes(10).minusSeconds(5));
    assertThat(victim.click(consent, "Approve").status()).isEqualTo(200);
  }

  @Test
  void aStateFromAnotherBrowserWithItsOwnCookieFindsNothingAndConsumesNothing() {
    // The victim has a binding cookie of their own, from a login they started themselves.
    scene.start(victim, "victims-own");
    URI attackersCallback = Scene.approveWithoutFollowing(scene.start(attacker, "a"));
    int taken = scene.store.pendingTaken.size();

    Browser.Page done = victim.get(attackersCallback);

    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("another browser");
    assertThat(scene.store.put).isEmpty();
    assertThat(scene.store.pendingTaken).hasSize(taken);
    // The attacker's own login was not burnt by the victim's visit.
    assertThat(attacker.get(attackersCallback).status()).isEqualTo(200);
  }

  @Test
  void aStateFromABrowserWithoutCookieFindsNothing() {
    URI attackersCallback = Scene.approveWithoutFollowing(scene.start(attacker, "a"));
    Browser.Page done = victim.get(attackersCallback);
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("not started in this browser");
    assertThat(scene.store.put).isEmpty();
  }

  @Test
  void aStateAtAnotherSitesCallbackFindsNothingAndConsumesNothing() {
    try (FakeDropbox dropbox = new FakeDropbox()) {
      Site<?> other = Dropbox.create(dropbox.options());
      scene.app.mount(other, dropbox);
      URI githubCallback = Scene.approveWithoutFollowing(scene.start(victim, "s"));
      URI atDropbox = scene.app.url("/dropbox/oauth_callback?" + githubCallback.getRawQuery());
      int taken = scene.store.pendingTaken.size();

      Browser.Page done = victim.get(atDropbox);

      assertThat(done.status()).isEqualTo(400);
      assertThat(done.body()).contains("unknown, expired or already used state");
      assertThat(scene.store.pendingTaken).hasSize(taken);
      assertThat(scene.store.put).isEmpty();
      // The login still finishes where it started.
      assertThat(victim.get(githubCallback).status()).isEqualTo(200);
    }
  }

  @Test
  void anOversizeStateIsRefusedWithoutLookingItUp() {
    scene.start(victim, "s");
    int before = scene.store.touches();
    Browser.Page done = victim.get(scene.callback("code=abc&state=" + "A".repeat(129)));
    assertThat(done.status()).isEqualTo(400);
    assertThat(scene.store.touches()).isEqualTo(before);
  }

  @Test
  void aMissingStateIsRefused() {
    scene.start(victim, "s");
    Browser.Page done = victim.get(scene.callback("code=abc"));
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("missing state");
  }
}
