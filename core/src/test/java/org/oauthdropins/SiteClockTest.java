package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * A stored login tells expiry by its site's clock, so a test that moves the site's clock moves it.
 */
class SiteClockTest {

  private static final Instant SITE_NOW = Instant.parse("2040-01-01T00:00:00Z");

  @Test
  void aTokenExpiredByTheSitesClockIsRefreshedBeforeUseThoughTheSystemClockSaysItIsNot() {
    AtomicInteger refreshes = new AtomicInteger();
    TestSite site =
        new TestSite() {
          @Override
          public String kind() {
            return "StubAuth";
          }

          @Override
          public Clock clock() {
            return Clock.fixed(SITE_NOW, ZoneOffset.UTC);
          }

          @Override
          public AuthEntity entity(AuthRecord record, AuthStore store) {
            return new AuthEntity(this, record, store, ok()) {};
          }

          @Override
          public HttpCall sign(HttpCall call, AuthRecord record) {
            return call;
          }

          @Override
          public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
            refreshes.incrementAndGet();
            return Optional.of(
                record.withTokens(new AccessToken.Bearer("new"), null, SITE_NOW.plusSeconds(3600)));
          }
        };
    MemoryStore store = new MemoryStore();
    // Expired in 2035 by the site's clock (2040), not yet by the system clock.
    AuthRecord stored =
        new AuthRecord(
            new Key("StubAuth", "ada"),
            "stub",
            new AccessToken.Bearer("old"),
            "r",
            Instant.parse("2035-01-01T00:00:00Z"),
            "{}",
            "{}",
            SITE_NOW,
            SITE_NOW);
    store.put(stored);

    site.entity(stored, store).get("https://api.example/me");

    assertThat(refreshes).hasValue(1);
    assertThat(store.get(stored.key()).orElseThrow().token())
        .isEqualTo(new AccessToken.Bearer("new"));
  }

  private static HttpTransport ok() {
    return call -> new HttpResult(200, call.uri(), Map.of(), new byte[0]);
  }
}
