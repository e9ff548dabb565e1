package org.oauthdropins.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Browser;

/**
 * Issue 24's "done when": after sandbox logins through the demo, a copy of the embedded database's
 * files holds none of the tokens, secrets and keys of those logins, while the logins page still
 * lists them (after a restart too, the key file beside the database being read again).
 */
class DemoSealedAtRestTest {

  /** The testkit fakes record every secret they mint in the file this property names. */
  private static final String ISSUED = "oauthdropins.testkit.issuedSecretsFile";

  /** An OAuth 2 site, a Mastodon instance (a registered client), Bluesky (DPoP), OAuth 1. */
  private static final List<String> SITES = List.of("github", "mastodon", "bluesky", "twitter");

  @TempDir Path dir;

  @Test
  void theDatabaseFilesHoldNoTokenSecretOrKeyOfTheLoginsAndThePageStillListsThem()
      throws Exception {
    if (System.getProperty(ISSUED) == null) {
      // Run outside the build: record this test's own fakes' secrets (nothing was recorded yet).
      System.setProperty(ISSUED, dir.resolve("issued.txt").toString());
    }
    Path data = dir.resolve("data");
    Map<String, String> secrets = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    List<String> publicValues = new ArrayList<>();
    Browser browser = new Browser();
    try (Demo demo = Demo.start("--port", "0", "--sandbox", "--data", data.toString())) {
      URI base = URI.create("http://localhost:" + demo.port() + "/");
      for (String site : SITES) {
        Browser.Page home = browser.get(base);
        Browser.Page consent = browser.submitForm(home, "/" + site + "/start", Map.of());
        // A client id is public (every authorize URL carries it), though a fake mints it randomly.
        String clientId = consent.query().get("client_id");
        if (clientId != null) {
          publicValues.add(clientId);
        }
        Browser.Page done = browser.click(consent, "Approve");
        assertThat(done.status()).as(site + ": " + done.body()).isEqualTo(200);
        Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
        AuthRecord r = demo.store().get(key).orElseThrow();
        secretsOf(site, r, secrets);
        names.add(done.html().getElementById("name").text());
      }
      assertThat(browser.get(base).html().select("#logins li")).hasSize(SITES.size());
    }
    KeyRing ring = KeyRing.parse(Files.readString(data.resolve(KeySource.EMBEDDED_FILE_NAME)));
    secrets.put("the key file's key", ring.spec().substring(ring.spec().indexOf(':') + 1));
    for (String line : Files.readAllLines(Path.of(System.getProperty(ISSUED)))) {
      String[] kindValue = line.split("\t", 2);
      secrets.putIfAbsent(kindValue[1], "issued by " + kindValue[0]);
    }
    publicValues.forEach(secrets::remove);
    assertThat(secrets).as("values the logins produced").hasSizeGreaterThan(SITES.size() * 2);

    byte[] files = databaseFiles(data);
    // The scan sees what is stored in plaintext: the users' names (profiles are not secret).
    for (String name : names) {
      assertThat(contains(files, name))
          .as("stored plaintext %s is visible to the scan", name)
          .isTrue();
    }
    List<String> found = new ArrayList<>();
    secrets.forEach(
        (value, what) -> {
          if (contains(files, value)) {
            found.add(what.startsWith("issued by") ? what : value.length() + " chars: " + what);
          }
        });
    assertThat(found).as("secrets found in the database files").isEmpty();

    // The key file beside the database is read again: the browser's list still opens.
    try (Demo again = Demo.start("--port", "0", "--sandbox", "--data", data.toString())) {
      Browser.Page home = browser.get(URI.create("http://localhost:" + again.port() + "/"));
      assertThat(home.html().select("#logins li")).hasSize(SITES.size());
      assertThat(home.html().select("#logins").text()).contains(names);
    }
  }

  /** The token, refresh token, OAuth 1 secret and any private key (a JWK's d) of a login. */
  private static void secretsOf(String site, AuthRecord r, Map<String, String> out)
      throws Exception {
    AccessToken t = r.token();
    if (t instanceof AccessToken.Bearer b) {
      out.put(b.value(), site + " access token");
    } else if (t instanceof AccessToken.OAuth1 o) {
      out.put(o.key(), site + " OAuth 1 token");
      out.put(o.secret(), site + " OAuth 1 token secret");
    }
    if (r.refreshToken() != null) {
      out.put(r.refreshToken(), site + " refresh token");
    }
    ObjectMapper json = new ObjectMapper();
    for (String doc : new String[] {r.extraJson(), r.userJson()}) {
      if (doc != null && !doc.isBlank()) {
        privateKeys(json.readTree(doc), site, out);
      }
    }
  }

  private static void privateKeys(JsonNode node, String site, Map<String, String> out) {
    if (node.isTextual() && node.textValue().startsWith("{")) {
      try {
        privateKeys(new ObjectMapper().readTree(node.textValue()), site, out);
      } catch (Exception notJson) {
        // a string that only looks like JSON
      }
      return;
    }
    for (var e : node.properties()) {
      if (e.getKey().equals("d") && e.getValue().isTextual()) {
        out.put(e.getValue().textValue(), site + " private key (JWK d)");
      }
      privateKeys(e.getValue(), site, out);
    }
    if (node.isArray()) {
      node.forEach(n -> privateKeys(n, site, out));
    }
  }

  private static byte[] databaseFiles(Path data) throws Exception {
    List<Path> files;
    try (Stream<Path> all = Files.list(data)) {
      files =
          all.filter(f -> !f.getFileName().toString().equals(KeySource.EMBEDDED_FILE_NAME))
              .toList();
    }
    assertThat(files).anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (Path f : files) {
      bytes.write(Files.readAllBytes(f));
    }
    return bytes.toByteArray();
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
