package org.oauthdropins.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;

/**
 * What every {@link PendingLogins} promises, the rules as test names: a login is taken once and
 * atomically, an expired one never, each browser keeps only its newest, and expired ones are swept
 * by later writes. Run on every implementation by a nested subclass in its test class.
 */
public abstract class PendingLoginsContract extends StoreContract {

  private PendingLogins pending;

  @BeforeEach
  void thePendingLogins() {
    pending = store.pendingLogins();
  }

  @Test
  void pendingLoginIsTakenOnce() {
    PendingLogin login = pending(Duration.ofMinutes(10));
    pending.put(login);
    assertThat(pending.take(login.id())).contains(login);
    assertThat(pending.take(login.id())).isEmpty();
    assertThat(pending.take("never-stored-" + Secrets.random(8))).isEmpty();
  }

  @Test
  void pendingLoginWithoutAppState() {
    PendingLogin login =
        new PendingLogin(
            Secrets.random(24),
            "github",
            "b",
            null,
            "http://127.0.0.1/cb",
            Map.of(),
            clock.instant().plusSeconds(60));
    pending.put(login);
    assertThat(pending.take(login.id())).contains(login);
  }

  @Test
  void expiredPendingLoginIsRefusedAndGone() {
    PendingLogin login = pending(Duration.ofMinutes(10));
    pending.put(login);
    clock.advance(Duration.ofMinutes(10));
    assertThat(pending.take(login.id())).isEmpty();
    // Gone, not just hidden: even with the clock turned back it does not come back.
    clock.advance(Duration.ofMinutes(-10));
    assertThat(pending.take(login.id())).isEmpty();
  }

  @Test
  void expiredPendingLoginsAreSweptByLaterWrites() {
    PendingLogin old = pending(Duration.ofMinutes(1));
    pending.put(old);
    clock.advance(Duration.ofMinutes(2));
    for (int i = 0; i < 40; i++) {
      pending.put(pending(Duration.ofMinutes(10)));
    }
    clock.advance(Duration.ofMinutes(-2));
    assertThat(pending.take(old.id())).isEmpty();
  }

  @Test
  void aBrowserKeepsOnlyItsNewestPendingLogins() {
    String browser = "browser-" + Secrets.random(8);
    PendingLogin neighbour = pending(Duration.ofMinutes(10));
    pending.put(neighbour);
    List<PendingLogin> logins = new ArrayList<>();
    int extra = 5;
    for (int i = 0; i < PendingLogins.PER_BROWSER + extra; i++) {
      clock.advance(Duration.ofSeconds(1));
      PendingLogin login = pending(browser, Duration.ofMinutes(10));
      pending.put(login);
      logins.add(login);
    }
    for (int i = 0; i < logins.size(); i++) {
      assertThat(pending.take(logins.get(i).id()))
          .as("login %d of %d", i, logins.size())
          .isEqualTo(i < extra ? Optional.empty() : Optional.of(logins.get(i)));
    }
    assertThat(pending.take(neighbour.id())).as("another browser's login").isPresent();
  }

  @Test
  void aNewBrowsersFirstLoginIsTakenOnceAndCountsTowardsItsCap() {
    String browser = "browser-" + Secrets.random(8);
    PendingLogin first = pending(browser, Duration.ofMinutes(10));
    pending.putOfNewBrowser(first);
    assertThat(pending.take(first.id())).contains(first);
    assertThat(pending.take(first.id())).isEmpty();

    PendingLogin oldest = pending(browser, Duration.ofMinutes(10));
    pending.putOfNewBrowser(oldest);
    for (int i = 0; i < PendingLogins.PER_BROWSER; i++) {
      clock.advance(Duration.ofSeconds(1));
      pending.put(pending(browser, Duration.ofMinutes(10)));
    }
    assertThat(pending.take(oldest.id())).as("dropped by the browser's cap").isEmpty();
  }

  @Test
  void twoCallbacksRacingForOneStateExactlyOneWins() throws Exception {
    for (int round = 0; round < 10; round++) {
      PendingLogin login = pending(Duration.ofMinutes(10));
      pending.put(login);
      List<Optional<PendingLogin>> results = race(i -> login.id(), pending::take);
      assertThat(results.stream().filter(Optional::isPresent).count())
          .as("winners of round %d", round)
          .isEqualTo(1);
      assertThat(results).contains(Optional.of(login));
    }
  }

  // ---- the store is down

  @Test
  @SuppressWarnings("try") // closing an outage may be interrupted; the test declares Exception
  void aStoreThatIsDownFailsClearlyAndWritesNothing() throws Exception {
    try (Outage outage = outageOrSkip()) {
      PendingLogins s = outage.store().pendingLogins();
      PendingLogin kept = pending(Duration.ofMinutes(5));
      s.put(kept);
      outage.down();
      PendingLogin login = pending(Duration.ofMinutes(5));
      PendingLogin first = pending(Duration.ofMinutes(5));
      List<Runnable> calls =
          List.of(
              () -> s.put(login),
              () -> s.putOfNewBrowser(first),
              () -> s.take(login.id()),
              () -> s.take(kept.id()));
      for (Runnable call : calls) {
        failsClearly(call, kept.data().get("code_verifier"));
      }
      // A login the down store failed to take is still there for a retry; nothing was written.
      assertThat(pending.take(kept.id())).contains(kept);
      assertThat(pending.take(login.id())).isEmpty();
      assertThat(pending.take(first.id())).isEmpty();
    }
  }

  // ---- sealed at rest

  @Test
  void noPendingLoginsSecretIsInTheBackend() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      PendingLogins sealed = scratch.open(clock, KeyRing.generate()).pendingLogins();
      String verifier = "verifier-" + Secrets.random(24);
      String secret = "request-token-secret-" + Secrets.random(12);
      String redirect = "http://127.0.0.1:8080/cb-" + Secrets.random(6);
      PendingLogin login =
          new PendingLogin(
              Secrets.random(24),
              "twitter",
              "browser-" + Secrets.random(8),
              null,
              redirect,
              Map.of("code_verifier", verifier, "request_token_secret", secret),
              clock.instant().plus(Duration.ofMinutes(10)));
      sealed.put(login);

      String dump = scratch.dump();
      assertThat(dump).contains(redirect).doesNotContain(verifier, secret);
      assertThat(sealed.take(login.id())).contains(login);
    }
  }

  @Test
  void aSealedValueMovedToAnotherPendingLoginDoesNotOpen() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      KeyRing ring = KeyRing.generate();
      PendingLogins sealed = scratch.open(clock, ring).pendingLogins();
      PendingLogins raw = scratch.unsealed(clock).pendingLogins();
      PendingLogin a = pending(Duration.ofMinutes(5));
      PendingLogin b = pending(Duration.ofMinutes(5));
      sealed.put(a);
      sealed.put(b);
      PendingLogin rawA = raw.take(a.id()).orElseThrow();
      PendingLogin rawB = raw.take(b.id()).orElseThrow();
      raw.put(
          new PendingLogin(
              rawB.id(),
              rawB.site(),
              rawB.browserHash(),
              rawB.appState(),
              rawB.redirectUri(),
              rawA.data(),
              rawB.expiresAt()));
      assertThatThrownBy(() -> sealed.take(b.id()))
          .isInstanceOf(org.oauthdropins.errors.StoreUnavailableException.class)
          .hasMessageContaining("key " + ring.primaryId());
    }
  }
}
