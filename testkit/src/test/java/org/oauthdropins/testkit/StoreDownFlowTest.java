package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.oauthdropins.PendingStorage;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.memory.MemoryStore;

/** A store that goes down mid-login: a plain 503, never a stack trace, and nothing half-stored. */
class StoreDownFlowTest {

  /** Delegates to a memory store until switched off. */
  static final class SwitchableStore extends ForwardingStore {
    final AtomicBoolean down = new AtomicBoolean();

    SwitchableStore() {
      super(new MemoryStore());
    }

    @Override
    protected void before() {
      if (down.get()) {
        throw new StoreUnavailableException(
            "the credential store is unavailable; please try again later", null);
      }
    }

    // The pending login stays readable, so that a store going down at the callback fails at the
    // write after the token exchange: the case where something could be half-stored.
    @Override
    public Optional<PendingLogin> takePending(String id) {
      return delegate().takePending(id);
    }
  }

  @Test
  void storeDownAtTheCallbackIs503AndStoresNothing() {
    SwitchableStore store = new SwitchableStore();
    try (FakeGitHub fake = new FakeGitHub();
        TestApp app =
            TestApp.withTokensInFinish(store).mount(GitHub.create(fake.options()), fake)) {
      Browser browser = new Browser();
      Browser.Page consent = browser.post(app.url("/github/start"), Map.of());
      store.down.set(true);
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.status()).isEqualTo(503);
      assertThat(done.body())
          .contains("credential store is unavailable")
          .doesNotContain("Exception", "gho_");
      store.down.set(false);
      assertThat(store.get(new Key("GitHubAuth", FakeGitHub.OCTOCAT_ID))).isEmpty();
    }
  }

  @Test
  void storeDownAtTheStartIs503() {
    SwitchableStore store = new SwitchableStore();
    try (FakeGitHub fake = new FakeGitHub();
        TestApp app =
            TestApp.withTokensInFinish(store)
                .pendingLogins(PendingStorage.IN_STORE) // a start that writes to the store
                .mount(GitHub.create(fake.options()), fake)) {
      store.down.set(true);
      Browser.Page page = new Browser().post(app.url("/github/start"), Map.of());
      assertThat(page.status()).isEqualTo(503);
      assertThat(page.url().getPath()).isEqualTo("/github/start");
    }
  }

  @Test
  void storeDownAtTheStartOfALoginSealedInItsCookieIsNoMatterAndTheCallbackIs503() {
    SwitchableStore store = new SwitchableStore();
    try (FakeGitHub fake = new FakeGitHub();
        TestApp app =
            TestApp.withTokensInFinish(store).mount(GitHub.create(fake.options()), fake)) {
      store.down.set(true);
      Browser browser = new Browser();
      Browser.Page consent = browser.post(app.url("/github/start"), Map.of());
      assertThat(consent.status()).isEqualTo(200);
      assertThat(consent.url().getPath()).isNotEqualTo("/github/start");

      Browser.Page done = browser.click(consent, "Approve");

      assertThat(done.status()).isEqualTo(503);
      store.down.set(false);
      assertThat(store.get(new Key("GitHubAuth", FakeGitHub.OCTOCAT_ID))).isEmpty();
    }
  }
}
