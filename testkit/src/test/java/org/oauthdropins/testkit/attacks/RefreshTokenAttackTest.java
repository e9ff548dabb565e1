package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeOidc;
import org.oauthdropins.testkit.TestApp;

/**
 * A rotated refresh token replaces the spent one in the store (a server with replay detection
 * revokes the whole grant when a spent one comes back, RFC 9700 §4.14.2), and a token's lifetime is
 * read in seconds (RFC 6749 §5.1 {@code expires_in}), so a login is refreshed neither never nor at
 * every call.
 *
 * <p>An ID token that comes with a refresh is checked as at login (signature, issuer, audience,
 * expiry) and must be about the login's authentication (OpenID Connect Core §12.2): the same {@code
 * iss}, {@code sub} and {@code aud}, the same {@code azp} (none if the login's had none), and an
 * {@code auth_time}, if any, that is the login's. Otherwise the refresh is refused with a provider
 * error and the store keeps the tokens it had: a login must never start acting for another user,
 * nor take tokens a provider issued about someone else.
 */
class RefreshTokenAttackTest {

  /** The fake's access-token lifetime, in seconds. */
  private static final long LIFETIME = 300;

  private final FakeOidc provider = FakeOidc.standalone(true).idTokensOnRefresh().authTime();
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
    assertThat(done.status()).as(done.body()).isEqualTo(200);
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

  @Test
  void aRefreshedIdTokenAboutTheSameAuthenticationIsAccepted() {
    AuthEntity auth = login();
    AuthRecord before = store.get(auth.key()).orElseThrow();
    assertThat(auth.extra().path("id_token").has("auth_time")).isTrue();

    assertThat(auth.refresh()).isTrue();

    AuthRecord after = store.get(auth.key()).orElseThrow();
    assertThat(after.token()).isNotEqualTo(before.token());
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
  }

  @ParameterizedTest
  @EnumSource(
      value = FakeOidc.Attack.class,
      names = {
        "OTHER_SUBJECT",
        "WRONG_ISSUER",
        "WRONG_AUDIENCE",
        "SEVERAL_AUDIENCES",
        "ADDED_AZP",
        "LATER_AUTH_TIME",
        "WRONG_SIGNATURE",
        "EXPIRED",
        "UNSIGNED"
      })
  void aRefreshedIdTokenAboutAnotherAuthenticationIsRefusedAndTheOldTokensStay(
      FakeOidc.Attack attack) {
    AuthEntity auth = login();
    AuthRecord before = store.get(auth.key()).orElseThrow();

    provider.attackNext(attack);
    assertThatThrownBy(auth::refresh)
        .as(attack.toString())
        .isInstanceOf(ProviderException.class)
        .hasMessageStartingWith("sandbox ");

    AuthRecord after = store.get(auth.key()).orElseThrow();
    assertThat(after.sameTokensAs(before)).as(attack.toString()).isTrue();
    assertThat(auth.record().sameTokensAs(before)).isTrue();
  }

  @Test
  void anotherSubjectSaysSo() {
    AuthEntity auth = login();
    provider.attackNext(FakeOidc.Attack.OTHER_SUBJECT);
    assertThatThrownBy(auth::refresh)
        .isInstanceOf(ProviderException.class)
        .hasMessage("sandbox refreshed ID token is about another user than the login's");
  }

  @Test
  void aLoginStoredWithoutTheIdTokensClaimsIsComparedByItsUserinfoSubject() {
    // As the Python library stores a Google login: the userinfo, no ID token claims.
    AuthRecord login = store.get(login().key()).orElseThrow();
    AuthRecord python =
        new AuthRecord(
            login.key(),
            login.site(),
            login.token(),
            login.refreshToken(),
            login.expiresAt(),
            login.userJson(),
            "{}",
            null,
            null);
    store.put(python);
    AuthEntity auth = site.load(store, python.key()).orElseThrow();
    assertThat(auth.refresh()).isTrue();
    AuthRecord refreshed = store.get(python.key()).orElseThrow();

    provider.attackNext(FakeOidc.Attack.OTHER_SUBJECT);
    assertThatThrownBy(auth::refresh)
        .isInstanceOf(ProviderException.class)
        .hasMessage("sandbox refreshed ID token is about another user than the login's");
    assertThat(store.get(python.key()).orElseThrow().sameTokensAs(refreshed)).isTrue();
  }
}
