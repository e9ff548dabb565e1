package org.oauthdropins.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store on the app's datasource with no key ring anywhere stops the app at start-up, naming every
 * way to give one, rather than storing tokens that a copy of the database reveals.
 */
class DataSourceWithoutKeysTest {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .overrideConfigKey("quarkus.datasource.db-kind", "h2")
          .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:nokeys;DB_CLOSE_DELAY=-1")
          .overrideConfigKey("quarkus.devservices.enabled", "false")
          .overrideConfigKey("oauth-dropins.store.directory", "target/no-keys-store")
          .assertException(
              t ->
                  assertThat(Failures.root(t))
                      .isInstanceOf(IllegalStateException.class)
                      .hasMessageContaining("oauth-dropins.keys")
                      .hasMessageContaining("oauth-dropins.keys-file")
                      .hasMessageContaining("OAUTH_DROPINS_KEYS"));

  @Test
  void neverStarts() {
    throw new AssertionError("the app started");
  }
}
