package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.NoCredentials;
import com.google.cloud.datastore.DatastoreOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Site;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.TestApp;

/**
 * The round trips to Datastore of a login's callback (issue 25): after a start that writes nothing,
 * the callback spends its state and writes its login in one transaction whose begin rides on its
 * one read (the state, the login and its sidecar in one lookup) and that ends in one commit: two
 * RPCs, counted on the wire between the store and the emulator. A replay is refused within the same
 * two.
 */
class CallbackRoundTripsTest {

  private final HttpClient noRedirects =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void aCallbackIsOneLookupAndOneCommit() throws Exception {
    Emulator emulator = Emulator.get();
    try (RpcCounter rpc = new RpcCounter(emulator.hostPort());
        FakeGitHub github = new FakeGitHub()) {
      DatastoreStore store =
          new DatastoreStore(
              DatastoreOptions.newBuilder()
                  .setProjectId(Emulator.PROJECT)
                  .setNamespace("rtt" + Secrets.random(6).replaceAll("[^A-Za-z0-9]", ""))
                  .setHost("http://" + rpc.hostPort())
                  .setCredentials(NoCredentials.getInstance())
                  .build()
                  .getService());
      Site<?> site = GitHub.create(github.options());
      try (TestApp app = TestApp.withTokensInFinish(store).mount(site, github)) {
        Browser browser = new Browser();
        // The store's first use checks its keys and sweeps spent states: not a callback's cost.
        github.signInAs("1001", "warm-up");
        assertThat(browser.get(approve(browser, app, "warm-up")).status()).isEqualTo(200);

        github.signInAs("1002", "new-user");
        URI callback = approve(browser, app, "new-user");
        rpc.take();
        Browser.Page done = browser.get(callback);
        Map<String, Integer> newUser = rpc.take();
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        Key key = Key.fromUrlsafe(done.query().get("auth_entity"));

        URI again = approve(browser, app, "returning-user");
        rpc.take();
        assertThat(browser.get(again).status()).isEqualTo(200);
        Map<String, Integer> returning = rpc.take();

        assertThat(site.load(app.store(), key)).isPresent();
        Map<String, Integer> read = rpc.take();

        // A replayed callback, as the store sees it: the same state spent twice.
        AuthRecord record = store.logins().get(key).orElseThrow();
        Instant until = Instant.now().plusSeconds(600);
        rpc.take();
        assertThat(store.logins().putSpendingState(record, "replayed", until)).isPresent();
        Map<String, Integer> first = rpc.take();
        assertThat(store.logins().putSpendingState(record, "replayed", until)).isEmpty();
        Map<String, Integer> replayed = rpc.take();

        System.out.printf(
            "Datastore RPCs: a new user's callback %s, a returning user's %s, the page's read %s;"
                + " a state spent with its login %s, spent again %s%n",
            newUser, returning, read, first, replayed);
        assertThat(newUser).isEqualTo(Map.of("lookup", 1, "commit", 1));
        assertThat(returning).isEqualTo(Map.of("lookup", 1, "commit", 1));
        assertThat(read).isEqualTo(Map.of("lookup", 1));
        assertThat(first).isEqualTo(Map.of("lookup", 1, "commit", 1));
        // Refused on what its lookup read; the transaction that lookup began ends (committing
        // nothing), not left to expire.
        assertThat(replayed).isEqualTo(Map.of("lookup", 1, "commit", 1));
      }
    }
  }

  /** Starts a login and approves it at the fake GitHub: the callback URL it redirects to. */
  private URI approve(Browser browser, TestApp app, String state) throws Exception {
    return FleetLoginTest.approveAt(noRedirects, browser, app, state);
  }
}
