package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Key;
import org.oauthdropins.StoreUnavailableException;
import org.oauthdropins.github.GitHub;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.MemoryStore;
import org.oauthdropins.store.PendingLogin;

/** A store that goes down mid-login: a plain 503, never a stack trace, and nothing half-stored. */
class StoreDownFlowTest {

  /** Delegates to a memory store until switched off. */
  static final class SwitchableStore implements AuthStore {
    final MemoryStore delegate = new MemoryStore();
    final AtomicBoolean down = new AtomicBoolean();

    private void check() {
      if (down.get()) {
        throw new StoreUnavailableException(
            "the credential store is unavailable; please try again later", null);
      }
    }

    @Override
    public Optional<AuthRecord> get(Key key) {
      check();
      return delegate.get(key);
    }

    @Override
    public AuthRecord put(AuthRecord record) {
      check();
      return delegate.put(record);
    }

    @Override
    public boolean delete(Key key) {
      check();
      return delegate.delete(key);
    }

    @Override
    public boolean leaseRefresh(Key key, String holder, Duration ttl) {
      check();
      return delegate.leaseRefresh(key, holder, ttl);
    }

    @Override
    public void releaseRefresh(Key key, String holder) {
      check();
      delegate.releaseRefresh(key, holder);
    }

    @Override
    public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
      check();
      return delegate.putIfTokensUnchanged(spent, fresh);
    }

    @Override
    public void putPending(PendingLogin login) {
      check();
      delegate.putPending(login);
    }

    @Override
    public Optional<PendingLogin> takePending(String id) {
      return delegate.takePending(id);
    }

    @Override
    public Optional<AppRegistration> getApp(String site, String instance) {
      return delegate.getApp(site, instance);
    }

    @Override
    public AppRegistration putAppIfAbsent(AppRegistration app) {
      return delegate.putAppIfAbsent(app);
    }

    @Override
    public Optional<AppRegistration> replaceApp(String expectedClientId, AppRegistration app) {
      return delegate.replaceApp(expectedClientId, app);
    }

    @Override
    public boolean deleteApp(String site, String instance) {
      return delegate.deleteApp(site, instance);
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
            TestApp.withTokensInFinish(store).mount(GitHub.create(fake.options()), fake)) {
      store.down.set(true);
      Browser.Page page = new Browser().post(app.url("/github/start"), Map.of());
      assertThat(page.status()).isEqualTo(503);
      assertThat(page.url().getPath()).isEqualTo("/github/start");
    }
  }
}
