package org.oauthdropins.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RefreshLeases} promises, the rules as test names: one holder at a time, also
 * when servers race; the holder extends it; it lapses by itself; only its holder releases it; what
 * a holder started spending outlives a lapse, and is forgotten on release. Run on every
 * implementation by a nested subclass in its test class.
 */
public abstract class RefreshLeasesContract extends StoreContract {

  private RefreshLeases leases;

  @BeforeEach
  void theLeases() {
    leases = store.leases();
  }

  private static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void oneRefreshLeaseAtATimeUntilReleasedOrLapsed() {
    Key key = newKey("GitHubAuth");
    assertThat(leases.lease(key, "a", LEASE)).isTrue();
    assertThat(leases.lease(key, "b", LEASE)).as("while a holds it").isFalse();
    assertThat(leases.lease(key, "a", LEASE)).as("the holder extends it").isTrue();
    assertThat(leases.lease(newKey("GitHubAuth"), "b", LEASE)).as("another key").isTrue();

    leases.release(key, "b");
    assertThat(leases.lease(key, "b", LEASE)).as("b cannot release a's lease").isFalse();
    leases.release(key, "a");
    assertThat(leases.lease(key, "b", LEASE)).as("after a released it").isTrue();

    clock.advance(LEASE.minusSeconds(1));
    assertThat(leases.lease(key, "c", LEASE)).as("before it lapses").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(leases.lease(key, "c", LEASE)).as("a lapsed lease is taken over").isTrue();
    leases.release(key, "b");
    assertThat(leases.lease(key, "d", LEASE)).as("b's late release ends nothing").isFalse();
    leases.release(key, "c");
  }

  @Test
  void racersForOneRefreshLeaseExactlyOneWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      Key key = newKey("GitHubAuth");
      if (round % 2 == 1) {
        // The race to take over a lapsed lease is as tight as the race for a new one.
        assertThat(leases.lease(key, "gone", LEASE)).isTrue();
        clock.advance(LEASE);
      }
      List<Boolean> won = race(i -> "holder-" + i, h -> leases.lease(key, h, LEASE));
      assertThat(won.stream().filter(w -> w).count()).as("winners of round %d", round).isEqualTo(1);
    }
  }

  // ---- what a holder started spending outlives its lease, until it releases it

  @Test
  void aTakerOfALapsedLeaseMayNotSpendTheTokenItsHolderStartedSpending() {
    Key key = newKey("GitHubAuth");
    assertThat(leases.lease(key, "a", LEASE)).isTrue();
    assertThat(leases.startSpending(key, "a", "t1")).as("the holder records its spend").isTrue();
    assertThat(leases.startSpending(key, "b", "t2")).as("only the holder records").isFalse();
    clock.advance(LEASE);
    assertThat(leases.lease(key, "b", LEASE)).as("a died: its lease lapses").isTrue();
    assertThat(leases.startSpending(key, "b", "t1")).as("a may have spent t1").isFalse();
    assertThat(leases.lease(key, "b", Duration.ZERO)).as("b ends its lease at once").isTrue();

    assertThat(leases.lease(key, "c", LEASE)).as("b's lapsed at once").isTrue();
    assertThat(leases.startSpending(key, "c", "t1")).as("still spent, for c too").isFalse();
    assertThat(leases.startSpending(key, "c", "t2"))
        .as("another token (the user logged in again)")
        .isTrue();
    assertThat(leases.startSpending(key, "c", "t2")).as("once per token").isFalse();
    leases.release(key, "a");
    assertThat(leases.lease(key, "d", LEASE)).as("a's late release ends nothing").isFalse();
    leases.release(key, "c");
  }

  @Test
  void aReleasedLeaseForgetsWhatItsHolderSpentAndALapsedUnspentOneIsSpentByItsTaker() {
    Key key = newKey("GitHubAuth");
    assertThat(leases.lease(key, "a", LEASE)).isTrue();
    assertThat(leases.startSpending(key, "a", "t1")).isTrue();
    leases.release(key, "a");
    assertThat(leases.lease(key, "b", LEASE)).isTrue();
    assertThat(leases.startSpending(key, "b", "t1"))
        .as("a released: its refresh ended, and the store's tokens tell how")
        .isTrue();
    leases.release(key, "b");

    Key other = newKey("GitHubAuth");
    assertThat(leases.lease(other, "a", LEASE)).isTrue();
    clock.advance(LEASE);
    assertThat(leases.lease(other, "b", LEASE)).isTrue();
    assertThat(leases.startSpending(other, "b", "t1"))
        .as("a died before it started spending")
        .isTrue();
    assertThat(leases.startSpending(newKey("GitHubAuth"), "b", "t1"))
        .as("without a lease")
        .isFalse();
    leases.release(other, "b");
  }

  @Test
  void racersForALapsedSpendingLeaseNeitherSpend() throws Exception {
    Key key = newKey("GitHubAuth");
    assertThat(leases.lease(key, "gone", LEASE)).isTrue();
    assertThat(leases.startSpending(key, "gone", "t1")).isTrue();
    clock.advance(LEASE);
    List<Boolean> spent =
        race(
            i -> "holder-" + i,
            h -> leases.lease(key, h, LEASE) && leases.startSpending(key, h, "t1"));
    assertThat(spent).doesNotContain(true);
  }

  // ---- the store is down

  @Test
  @SuppressWarnings("try") // closing an outage may be interrupted; the test declares Exception
  void aStoreThatIsDownFailsClearlyAndGrantsNoLease() throws Exception {
    try (Outage outage = outageOrSkip()) {
      RefreshLeases s = outage.store().leases();
      Key key = newKey("GitHubAuth");
      outage.down();
      List<Runnable> calls =
          List.of(
              () -> s.lease(key, "a", LEASE),
              () -> s.release(key, "a"),
              () -> s.startSpending(key, "a", "t1"));
      for (Runnable call : calls) {
        failsClearly(call);
      }
      // The lease the down store could not grant was not written: another holder gets it.
      assertThat(leases.lease(key, "b", LEASE)).isTrue();
      leases.release(key, "b");
    }
  }
}
