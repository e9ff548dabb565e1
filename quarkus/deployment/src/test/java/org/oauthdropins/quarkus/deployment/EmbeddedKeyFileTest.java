package org.oauthdropins.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.Logins;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.store.AuthStore;

/**
 * Without any configured ring the embedded store seals under a key file it makes beside its
 * database, and, since the app's base URL is public, the start-up warns naming what to set.
 */
class EmbeddedKeyFileTest {

  /** Fixed: the class is loaded twice (by JUnit and by the app), each computing this. */
  static final Path DIR = Path.of("target/embedded-key-file-store");

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .withApplicationRoot(jar -> jar.addClass(SealedCookie.class))
          .overrideConfigKey("oauth-dropins.store.directory", DIR.toString())
          .overrideConfigKey("oauth-dropins.base-url", "https://app.example")
          // No datasource of the app's: the embedded store.
          .overrideConfigKey("quarkus.datasource.active", "false")
          .setLogRecordPredicate(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
          .assertLogRecords(
              records ->
                  assertThat(records)
                      .anySatisfy(
                          r ->
                              assertThat(r.getMessage())
                                  .contains(KeySource.EMBEDDED_FILE_NAME)
                                  .contains("is not loopback")
                                  .contains("Set oauth-dropins.keys")));

  @Inject AuthStore store;
  @Inject Logins logins;

  @Test
  void theStoreAndTheCookieSealUnderTheKeyFileBesideTheDatabase() throws Exception {
    KeyRing file = KeyRing.parse(Files.readString(DIR.resolve(KeySource.EMBEDDED_FILE_NAME)));
    assertThat(store.keyRing().map(KeyRing::spec)).contains(file.spec());
    assertThat(SealedCookie.opensUnder(logins, file)).isTrue();
  }
}
