package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Key;
import org.oauthdropins.ProviderException;
import org.oauthdropins.Site;
import org.oauthdropins.oidc.Oidc;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeOidc;
import org.oauthdropins.testkit.TestApp;

/**
 * A rotated refresh token replaces the spent one in the store (a server with replay detection
 * revokes the whole grant when a spent one comes back, RFC 9700 §4.14.2), and a token's lifetime is
 * read in seconds (RFC 6749 §5.1 {@code expires_in}), so a login is refreshed neither never nor at
 * every call.
 */
class RefreshTokenAttackTest {

  /** The fake's access-token lifetime, in seconds. */
  private static final long LIFETIME = 300;

  private final FakeOidc provider = FakeOidc.standalone(true);
  private final MemoryStore store = new MemoryStore();
  private final Site<?> site = Oidc.create("sandbox", provider.issuer(), provider.options());
  private final TestApp app = new TestApp(store).mount(site, provider);

  @AfterEach
  void tearDown() {
    app.close();
    provider.close();
  }

  private AuthEntity login() {
    Browser b = new Browser();
    Browser.Page done = b.click(b.post(app.url("/sandbox/start"), Map.of()), "Approve");
    return site.load(store, Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
  }

  @Test
  void aRotatedRefreshTokenReplacesTheSpentOneInTheStore() {
    AuthEntity auth = login();
    AuthRecord before = store.get(auth.key()).orElseThrow();

    assertThat(auth.refresh()).isTrue();

    AuthRecord after = store.get(auth.key()).orElseThrow();
    assertThat(after.refreshToken()).isNotNull().isNotEqualTo(before.refreshToken());
    // The stored one works.
    assertThat(site.refresh(after, store)).isPresent();
    // The spent one is dead at the server: keeping it would break the next refresh (and, at a
    // server with replay detection, revoke the whole grant).
    assertThatThrownBy(() -> site.refresh(before, store))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("invalid_grant");
  }

  @Test
  void expiresInIsReadInSeconds() {
    Instant start = Instant.now();
    AuthEntity auth = login();
    Instant expires = store.get(auth.key()).orElseThrow().expiresAt();
    // Renewed a little early, never more than half the lifetime early.
    assertThat(expires)
        .isAfter(start.plus(Duration.ofSeconds(LIFETIME / 2)))
        .isBefore(Instant.now().plus(Duration.ofSeconds(LIFETIME + 1)));
  }
}
