package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.sites.mastodon.MastodonAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeMastodon;
import org.oauthdropins.testkit.TestApp;

/**
 * A Java app that lives beside Python apps in one Datastore (the python-datastore fixture of two
 * Python apps registered at one Mastodon instance, with their users' logins): Java logins leave
 * every Python entity as it was, register the Java app's own MastodonApp beside theirs, and find it
 * again by instance + app URL + app name.
 */
class PythonNeighboursTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    // Another app: its registration goes beside both Python apps'.
    "https://java-app.example/, oauth-dropins java",
    // The first Python app's URL and name (a Java app taking over its domain): the Python
    // registration has no Java callback, so the Java one goes beside it, not over it.
    "http://localhost:8080/, oauth-dropins demo"
  })
  void javaLoginsNeverDeleteNorOverwriteAPythonEntity(String appUrl, String appName) {
    String ns = "py" + Secrets.random(6).replaceAll("[^A-Za-z0-9]", "");
    Datastore raw = PythonFixtures.client("oauth-dropins-py-apps", ns);
    try (FakeMastodon mastodon = new FakeMastodon()) {
      String instance = mastodon.url().toString();
      List<Entity> python =
          PythonFixtures.entities(
              raw,
              PythonFixtures.APPS,
              s -> s.equals("https://mastodon.example/") ? instance + "/" : s);
      python.forEach(raw::put);

      DatastoreStore store = open(raw).forApp(appUrl, appName);
      OAuth2Site<MastodonAuth> site = Mastodon.builder(mastodon.options()).appName(appName).build();
      try (TestApp app = TestApp.withTokensInFinish(store).mount(site)) {
        Browser browser = new Browser();
        for (String state : List.of("one", "two")) {
          Browser.Page consent =
              browser.post(
                  app.url("/mastodon/start"), Map.of("instance", instance, "state", state));
          Browser.Page done = browser.click(consent, "Approve");
          assertThat(done.status()).as(done.body()).isEqualTo(200);
          assertThat(done.query()).containsEntry("state", state);

          Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
          MastodonAuth auth = site.load(store, key).orElseThrow();
          assertThat(auth.instance()).isEqualTo(instance);
          // Python's view of the Java login: its `app` is the Java app's own registration.
          Entity written = raw.get(raw.newKeyFactory().setKind("MastodonAuth").newKey(key.id()));
          Entity javaApp = raw.get(written.getKey("app"));
          assertThat(javaApp.getString("app_url")).isEqualTo(appUrl);
          assertThat(javaApp.getString("app_name")).isEqualTo(appName);
          assertThat(javaApp.getString("instance")).isEqualTo(instance + "/");
          assertThat(Json.parse(javaApp.getString("data")).path("client_id").asText())
              .isEqualTo(store.getApp("mastodon", instance).orElseThrow().clientId());
        }
        // Found again by instance + app URL + app name: registered once.
        assertThat(mastodon.registrations()).isEqualTo(1);
      }

      for (Entity e : python) {
        assertThat(raw.get(e.getKey())).as(e.getKey().toString()).isEqualTo(e);
      }
      List<Entity> apps = new ArrayList<>();
      raw.run(Query.newEntityQueryBuilder().setKind("MastodonApp").build())
          .forEachRemaining(apps::add);
      assertThat(apps).hasSize(3);
    }
  }

  /**
   * The store under test on a namespace: the default, which keeps the Python kinds as Python writes
   * them; {@code PythonNeighboursSealedTest} runs these tests with those kinds sealed too.
   */
  DatastoreStore open(Datastore raw) {
    return new DatastoreStore(raw);
  }
}
