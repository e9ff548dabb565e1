package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Credentials;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.sites.bluesky.BlueskyAuth;
import org.oauthdropins.sites.facebook.FacebookAuth;
import org.oauthdropins.sites.mastodon.MastodonAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;

/**
 * Every login entity that the Python library really wrote (python-datastore fixtures), loaded
 * through the Java API, answers what the Python model's methods answered ({@code
 * python-answers.json}); and its {@code auth_entity} is the Python library's, both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonAnswersTest {

  /** The fixtures' project: a key's Python form names it, so the store must be in it. */
  private static final String PROJECT = "oauth-dropins-py";

  /**
   * Where Java answers differently on purpose, each with the exact Java answer: the Python model
   * answers None where Java knows better, or returns a value Java corrects. Everything else must
   * match.
   */
  private static final java.util.Map<String, String> DELIBERATE =
      java.util.Map.of(
          // Java shows the profile's name (GitHub's profile fields), Python the login.
          "GitHubAuth.user_display_name",
          "Mona Lisa",
          // Python's FacebookAuth has no image_url; Java reads the profile picture.
          "FacebookAuth.image_url",
          "https://fb.example/pic.jpg",
          // Python's refresh_token() is None for app passwords; Java refreshes the session with it.
          "BlueskyAuth(password).refresh_token",
          "eyJ.refresh.python",
          // Reddit sends icon_img HTML-escaped; Python returns it so, Java the real URL.
          "RedditAuth.image_url",
          "https://styles.redditmedia.com/py.png?a=1&b=2");

  private Datastore raw;
  private DatastoreStore store;

  @BeforeAll
  void load() {
    raw = PythonFixtures.client(PROJECT, "");
    for (Entity e : PythonFixtures.entities(raw, PythonFixtures.LOGINS, UnaryOperator.identity())) {
      raw.put(e);
    }
    store = open(raw);
  }

  @AfterAll
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private AuthEntity load(JsonNode answer) {
    Key key = new Key(answer.path("kind").asText(), answer.path("id").asText());
    var record = store.get(key).orElseThrow(() -> new AssertionError("not found: " + key));
    Site<?> site =
        Sites.byName(record.site())
            .orElseThrow()
            .create(SiteOptions.defaults().withCredentials(new Credentials("id", "secret")));
    return site.entity(record, store);
  }

  @Test
  void everyPythonLoginAnswersWhatThePythonModelAnswers() {
    List<String> mismatches = new ArrayList<>();
    for (JsonNode answer : PythonFixtures.json("python-answers.json").path("entities")) {
      String label = answer.path("label").asText();
      JsonNode py = answer.path("python");
      AuthEntity auth = load(answer);
      check(mismatches, label, "user_display_name", py, auth.userDisplayName());
      check(mismatches, label, "image_url", py, auth.imageUrl());
      check(mismatches, label, "refresh_token", py, auth.refreshToken());
      JsonNode token = py.path("access_token");
      AccessToken java = auth.accessToken();
      if (token.isArray()) {
        expect(
            mismatches,
            label,
            "access_token",
            new AccessToken.OAuth1(token.get(0).asText(), token.get(1).asText()),
            java);
      } else if (token.isTextual() && token.asText().startsWith("ERROR")) {
        // Python's Reddit has no access token to give; Java has none either until it refreshes.
        expect(mismatches, label, "access_token", null, java);
        expect(mismatches, label, "refresh_token kept", "rt_python", auth.record().refreshToken());
      } else {
        expect(
            mismatches,
            label,
            "access_token",
            token.isNull() ? null : new AccessToken.Bearer(token.asText()),
            java);
      }
      // The app password never reaches the Java side.
      expect(mismatches, label, "extra has no password", false, auth.extra().has("password"));

      if (auth instanceof FacebookAuth fb) {
        List<String> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        fb.pages().forEach(p -> ids.add(p.id()));
        fb.pages().forEach(p -> tokens.add(p.accessToken()));
        expect(mismatches, label, "pages", strings(py.path("pages")), ids);
        expect(mismatches, label, "page_tokens", strings(py.path("page_tokens")), tokens);
        String page = py.path("pages").get(0).asText();
        expect(
            mismatches,
            label,
            "for_page",
            py.path("for_page").asText(),
            fb.forPage(page).map(p -> ((AccessToken.Bearer) p.accessToken()).value()).orElse(null));
        expect(
            mismatches,
            label,
            "is_authority_for_page",
            py.path("is_authority_for_page").asBoolean(),
            fb.isAuthorityFor(new Key("FacebookAuth", page)));
      }
      if (auth instanceof MastodonAuth m) {
        // Python's instance() ends in a slash; Java's is an origin, to which paths are appended.
        expect(
            mismatches,
            label,
            "instance",
            PythonKinds.javaInstance(py.path("instance").asText()),
            m.instance());
        expect(mismatches, label, "username", py.path("username").asText(), m.username());
        expect(mismatches, label, "user_id", py.path("user_id").asText(), m.userId());
        expect(mismatches, label, "actor_id", py.path("actor_id").asText(), m.actorId());
        expect(
            mismatches,
            label,
            "app.get()",
            "MastodonApp:" + answer.path("app_id").asText(),
            Json.text(m.extra(), "app"));
      }
      if (auth instanceof BlueskyAuth b) {
        expect(mismatches, label, "pds_url", py.path("pds_url").asText(), b.pdsUrl().toString());
        expect(mismatches, label, "handle", py.path("handle").asText(), b.handle());
        expect(mismatches, label, "is_oauth", py.path("is_oauth").asBoolean(), b.isOAuth());
        expect(
            mismatches,
            label,
            "record_token",
            new AccessToken.Bearer(py.path("record_token").asText()),
            b.record().token());
        expect(
            mismatches,
            label,
            "record_refresh_token",
            py.path("record_refresh_token").asText(),
            b.record().refreshToken());
      }
    }
    assertThat(mismatches).as("Java answers that differ from Python's").isEmpty();
  }

  @Test
  void theAuthEntityOfEachFormParsesToTheSameKeyAndTheStoreWritesPythons() {
    for (JsonNode answer : PythonFixtures.json("python-answers.json").path("entities")) {
      Key key = new Key(answer.path("kind").asText(), answer.path("id").asText());
      String python = answer.path("urlsafe").asText();
      assertThat(Key.fromUrlsafe(python)).as(python).isEqualTo(key);
      assertThat(Key.fromUrlsafe(key.urlsafe())).isEqualTo(key);
      assertThat(store.urlsafe(key)).as(key.toString()).isEqualTo(python);
      assertThat(load(answer).urlsafe()).isEqualTo(python);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void check(
      List<String> mismatches, String label, String field, JsonNode py, Object java) {
    JsonNode v = py.path(field);
    expect(mismatches, label, field, v.isNull() || v.isMissingNode() ? null : v.asText(), java);
  }

  private static void expect(
      List<String> mismatches, String label, String field, Object python, Object actual) {
    String deliberate = DELIBERATE.get(label + "." + field);
    if (deliberate != null) {
      if (!deliberate.equals(actual)) {
        mismatches.add(
            label + "." + field + ": expected Java's own " + deliberate + " got " + actual);
      }
      return;
    }
    if (!java.util.Objects.equals(python, actual)) {
      mismatches.add(label + "." + field + ": python=" + python + " java=" + actual);
    }
  }

  /**
   * The store under test on a namespace: the default, which keeps the Python kinds as Python writes
   * them; {@code PythonAnswersSealedTest} runs these tests with those kinds sealed too.
   */
  DatastoreStore open(Datastore raw) {
    return new DatastoreStore(raw);
  }
}
