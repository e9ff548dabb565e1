package org.oauthdropins.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.datastore.Emulator;
import org.oauthdropins.testkit.Browser;

/** The demo on the Datastore emulator: a login is still shown after the demo restarts. */
class DemoDatastoreTest {

  /** Where the demo keeps the key file that seals the tokens it stores in the emulator. */
  @TempDir Path keys;

  @Test
  void aLoginOnDatastoreIsReadableAfterARestart() throws Exception {
    Emulator emulator = Emulator.get();
    // A project of its own, so that other tests' entities do not matter. Project ids allow only
    // lower-case letters, digits and hyphens.
    String project = "demo-" + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 1);
    String db = "datastore://" + emulator.hostPort() + "/" + project;
    String key;
    Browser browser = new Browser();
    try (Demo demo =
        Demo.start("--port", "0", "--sandbox", "--db", db, "--data", keys.toString())) {
      Browser.Page home = browser.get(URI.create("http://localhost:" + demo.port() + "/"));
      Browser.Page done =
          browser.click(browser.submitForm(home, "/github/start", Map.of()), "Approve");
      key = done.query().get("auth_entity");
      assertThat(done.html().getElementById("name").text()).isEqualTo("The Octocat");
    }
    try (Demo demo =
        Demo.start("--port", "0", "--sandbox", "--db", db, "--data", keys.toString())) {
      Browser.Page again =
          browser.get(URI.create("http://localhost:" + demo.port() + "/?auth_entity=" + key));
      assertThat(again.html().getElementById("name").text()).isEqualTo("The Octocat");
      assertThat(again.html().getElementById("entity").text()).contains("GitHubAuth");
    }
  }
}
