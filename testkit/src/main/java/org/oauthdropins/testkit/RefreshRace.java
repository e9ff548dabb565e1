package org.oauthdropins.testkit;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.sites.twitterv2.TwitterV2;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;

/**
 * Several app servers refreshing one expired login at the same moment, against a fake X that
 * rotates refresh tokens and revokes the whole grant when a spent one comes back (RFC 9700
 * §4.14.2). Each server has its own {@link Site} and its own connection to the shared store, as
 * separate processes would; they are released together by a latch.
 */
public final class RefreshRace {

  /**
   * What the race left behind.
   *
   * @param outcomes per server: {@code "200"} for an API call that succeeded, else what went wrong
   * @param refreshesAtProvider how many refresh requests reached the fake's token endpoint
   * @param revokedGrants how many grants the fake's replay detection revoked
   * @param storedAccessTokenWorks whether the stored access token is still accepted by the fake
   * @param storedLoginRefreshes whether the stored refresh token still refreshes (the login lives)
   * @param tokensEveryServerEndedWith the access token each server's entity holds at the end
   * @param storedAccessToken the access token in the store at the end
   */
  public record Outcome(
      List<String> outcomes,
      int refreshesAtProvider,
      int revokedGrants,
      boolean storedAccessTokenWorks,
      boolean storedLoginRefreshes,
      List<AccessToken> tokensEveryServerEndedWith,
      AccessToken storedAccessToken) {

    /**
     * The rules of a safe refresh that this race broke, in words, or none: every server's call
     * succeeded, exactly one refresh reached the provider, no grant was revoked, every server ended
     * with the stored (winner's) tokens, and the stored login still works and refreshes.
     */
    public List<String> broken() {
      List<String> broken = new ArrayList<>();
      if (!outcomes.stream().allMatch("200"::equals)) {
        broken.add("every server's API call succeeds, but: " + outcomes);
      }
      if (refreshesAtProvider != 1) {
        broken.add("exactly one refresh reaches the provider, but: " + refreshesAtProvider);
      }
      if (revokedGrants != 0) {
        broken.add("no grant is revoked for refresh-token reuse, but: " + revokedGrants);
      }
      if (!tokensEveryServerEndedWith.stream().allMatch(t -> t.equals(storedAccessToken))) {
        broken.add("every server ends with the winner's (stored) tokens");
      }
      if (!storedAccessTokenWorks) {
        broken.add("the stored access token works");
      }
      if (!storedLoginRefreshes) {
        broken.add("the stored login still refreshes");
      }
      return broken;
    }
  }

  private RefreshRace() {}

  /**
   * Logs in at the first server, marks the stored access token expired, and has every server make
   * one API call with that login at once: each call must refresh first.
   *
   * @param servers each server's connection to one shared store (at least two)
   */
  public static Outcome run(List<AuthStore> servers) throws Exception {
    try (FakeTwitterV2 fake = new FakeTwitterV2();
        TestApp app = new TestApp(servers.get(0))) {
      Site<?> first = TwitterV2.create(fake.options());
      app.mount(first, fake);
      Browser browser = new Browser();
      Browser.Page consent = browser.post(app.url("/" + first.name() + "/start"), Map.of());
      Browser.Page done = browser.click(consent, "Approve");
      if (done.status() != 200 || !done.query().containsKey("auth_entity")) {
        throw new IllegalStateException("the login failed: " + done.status() + " " + done.body());
      }
      Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
      AuthStore store = servers.get(0);
      AuthRecord login = store.get(key).orElseThrow();
      store.put(
          login.withTokens(login.token(), login.refreshToken(), Instant.now().minusSeconds(1)));

      List<AuthEntity> entities = new ArrayList<>();
      for (AuthStore server : servers) {
        entities.add(TwitterV2.create(fake.options()).load(server, key).orElseThrow());
      }
      URI me = URI.create(fake.url() + "/2/users/me");
      List<String> outcomes = race(entities, me);
      int refreshesDuringRace = fake.oauth().refreshCount();

      AuthRecord stored = store.get(key).orElseThrow();
      boolean accessWorks =
          stored.token() instanceof AccessToken.Bearer b
              && fake.oauth().user(b.value()).isPresent();
      // A later refresh from the stored record proves that the grant is still alive.
      AuthEntity later = TwitterV2.create(fake.options()).load(store, key).orElseThrow();
      boolean refreshes;
      try {
        refreshes = later.refresh() && later.get(me.toString()).status() == 200;
      } catch (RuntimeException e) {
        refreshes = false;
      }
      return new Outcome(
          outcomes,
          refreshesDuringRace,
          fake.oauth().revokedGrantCount(),
          accessWorks,
          refreshes,
          entities.stream().map(AuthEntity::accessToken).toList(),
          stored.token());
    }
  }

  private static List<String> race(List<AuthEntity> entities, URI me) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(entities.size());
    try {
      CountDownLatch ready = new CountDownLatch(entities.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> calls = new ArrayList<>();
      for (AuthEntity entity : entities) {
        calls.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  try {
                    return String.valueOf(entity.get(me.toString()).status());
                  } catch (RuntimeException e) {
                    return e.getClass().getSimpleName() + ": " + e.getMessage();
                  }
                }));
      }
      ready.await(10, TimeUnit.SECONDS);
      go.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> call : calls) {
        outcomes.add(call.get(60, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
