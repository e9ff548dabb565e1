package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.Timestamp;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.StringValue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.sites.pixelfed.Pixelfed;
import org.oauthdropins.sites.pixelfed.PixelfedAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakePixelfed;
import org.oauthdropins.testkit.TestApp;

/**
 * Issue 28 #5: a Pixelfed login on a Datastore shared with the Python library names its
 * registration by its {@code app} key, which may be a Python app's {@code PixelfedApp} (numeric id,
 * Python's properties), not the Java app's own. Its tokens belong to that client: the fake
 * Pixelfed, as Laravel Passport, refuses a refresh token from any other, so Java refreshes with the
 * registration the login names.
 */
class PythonPixelfedRefreshTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final String PY_CALLBACK = "https://py-app.example/pixelfed/callback";

  @Test
  void aLoginWhoseAppIsAPythonRegistrationIsRefreshedWithThatRegistration() throws Exception {
    String ns = "pxf" + Secrets.random(6).replaceAll("[^A-Za-z0-9]", "");
    Datastore raw = PythonFixtures.client("oauth-dropins-py", ns);
    try (FakePixelfed pixelfed = new FakePixelfed()) {
      String instance = pixelfed.url().toString();

      // The Python app registered at the instance as Python does, and stored its PixelfedApp in
      // the Python models' shape: a numeric id, the instance with a slash, the answer in `data`.
      JsonNode pyApp =
          Json.parse(
              post(
                  instance + "/api/v1/apps",
                  Map.of(
                      "client_name", "oauth-dropins demo",
                      "redirect_uris", PY_CALLBACK,
                      "website", "https://py-app.example/",
                      "scopes", "read")));
      String pyClient = Json.text(pyApp, "client_id");
      Key pyAppKey = raw.newKeyFactory().setKind("PixelfedApp").newKey(7L);
      Entity pythonApp =
          Entity.newBuilder(pyAppKey)
              .set("app_name", "oauth-dropins demo")
              .set("app_url", "https://py-app.example/")
              .set("created_at", Timestamp.now())
              .set(
                  "data",
                  StringValue.newBuilder(pyApp.toString()).setExcludeFromIndexes(true).build())
              .set("instance", instance + "/")
              .set(
                  "instance_info",
                  StringValue.newBuilder("{\"version\": \"3.5.3 (compatible; Pixelfed 0.12.5)\"}")
                      .setExcludeFromIndexes(true)
                      .build())
              .build();
      raw.put(pythonApp);

      // A login Python wrote: the `app` key is all it keeps of its instance and client.
      Key carolKey =
          raw.newKeyFactory()
              .setKind("PixelfedAuth")
              .newKey("@carol@" + pixelfed.url().getRawAuthority());
      raw.put(
          Entity.newBuilder(carolKey)
              .set("access_token_str", "py-carol")
              .set("app", pyAppKey)
              .set("created", Timestamp.now())
              .set("updated", Timestamp.now())
              .set(
                  "user_json",
                  StringValue.newBuilder("{\"id\": \"2\", \"username\": \"carol\"}")
                      .setExcludeFromIndexes(true)
                      .build())
              .build());

      // The Java app beside it (its own URL and name) has a registration of its own there.
      DatastoreStore store = open(raw).forApp("https://java-app.example/", "oauth-dropins");
      OAuth2Site<PixelfedAuth> site = Pixelfed.builder(pixelfed.options()).build();
      try (TestApp app = TestApp.withTokensInFinish(store).mount(site)) {
        Browser.Page consent =
            new Browser().post(app.url("/pixelfed/start"), Map.of("instance", instance));
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        String javaClient = store.getApp("pixelfed", instance).orElseThrow().clientId();
        assertThat(javaClient).isNotEqualTo(pyClient);

        // Read as Python wrote it: the instance and the client come from its app.
        AuthRecord carol =
            store
                .get(new org.oauthdropins.store.Key("PixelfedAuth", carolKey.getName()))
                .orElseThrow();
        JsonNode carolExtra = Json.parse(carol.extraJson());
        assertThat(Json.text(carolExtra, "instance")).isEqualTo(instance);
        assertThat(Json.text(carolExtra, "client_id")).isEqualTo(pyClient);

        // Alice's grant is the Python app's client's (a login through a registration that app
        // holds); Python keeps no refresh token for Pixelfed, Java keeps it beside the entity.
        JsonNode grant = grant(instance, pyClient, Json.text(pyApp, "client_secret"));
        org.oauthdropins.store.Key alice =
            new org.oauthdropins.store.Key(
                "PixelfedAuth", "@alice@" + pixelfed.url().getRawAuthority());
        ObjectNode extra = Json.object();
        extra.put("instance", instance);
        extra.put("client_id", pyClient);
        store.put(
            new AuthRecord(
                alice,
                "pixelfed",
                new AccessToken.Bearer(Json.text(grant, "access_token")),
                Json.text(grant, "refresh_token"),
                Instant.now().plusSeconds(3600),
                pixelfed.account().toString(),
                extra.toString(),
                null,
                null));
        Entity written = raw.get(raw.newKeyFactory().setKind("PixelfedAuth").newKey(alice.id()));
        assertThat(written.getKey("app")).as("Python's view: the login's app").isEqualTo(pyAppKey);

        PixelfedAuth auth = site.load(store, alice).orElseThrow();
        pixelfed.expireAccessTokens();
        assertThat(auth.api("/api/v1/accounts/verify_credentials").status()).isEqualTo(200);

        Entity refreshed = raw.get(written.getKey());
        assertThat(asPythonReadsIt(refreshed.getString("access_token_str"), alice))
            .isNotEqualTo(Json.text(grant, "access_token"))
            .isEqualTo(((AccessToken.Bearer) auth.accessToken()).value());
        assertThat(refreshed.getKey("app")).isEqualTo(pyAppKey);
        assertThat(raw.get(pyAppKey)).as("the Python registration, untouched").isEqualTo(pythonApp);
        assertThat(store.getApp("pixelfed", instance).orElseThrow().clientId())
            .isEqualTo(javaClient);
      }
    }
  }

  /** A user's approval at the instance for this client, and its token answer. */
  private static JsonNode grant(String instance, String clientId, String clientSecret)
      throws Exception {
    HttpResponse<String> approved =
        HTTP.send(
            form(
                instance + "/oauth/authorize",
                Map.of(
                    "client_id", clientId,
                    "redirect_uri", PY_CALLBACK,
                    "response_type", "code",
                    "scope", "read",
                    "state", "1",
                    "decision", "approve")),
            HttpResponse.BodyHandlers.ofString());
    String location = approved.headers().firstValue("Location").orElseThrow();
    String code =
        java.util.Arrays.stream(URI.create(location).getRawQuery().split("&"))
            .filter(p -> p.startsWith("code="))
            .map(p -> p.substring(5))
            .findFirst()
            .orElseThrow();
    return Json.parse(
        post(
            instance + "/oauth/token",
            Map.of(
                "grant_type", "authorization_code",
                "code", java.net.URLDecoder.decode(code, StandardCharsets.UTF_8),
                "client_id", clientId,
                "client_secret", clientSecret,
                "redirect_uri", PY_CALLBACK)));
  }

  private static String post(String url, Map<String, String> fields)
      throws IOException, InterruptedException {
    return HTTP.send(form(url, fields), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static HttpRequest form(String url, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** A token as Python reads it from the entity: as it is, by default. */
  String asPythonReadsIt(String stored, org.oauthdropins.store.Key login) {
    return stored;
  }

  /**
   * The store under test on a namespace: the default, which keeps the Python kinds as Python writes
   * them; {@code PythonPixelfedRefreshSealedTest} runs these tests with those kinds sealed too.
   */
  DatastoreStore open(Datastore raw) {
    return new DatastoreStore(raw);
  }
}
