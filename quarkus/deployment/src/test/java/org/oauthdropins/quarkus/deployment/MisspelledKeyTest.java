package org.oauthdropins.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A misspelt key under {@code oauth-dropins.*} stops the app, naming it, instead of leaving the
 * site without the setting the developer meant to give it.
 */
class MisspelledKeyTest {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .overrideConfigKey("oauth-dropins.sites.github.client-id", "id")
          .overrideConfigKey("oauth-dropins.sites.github.client-secret", "secret")
          .overrideConfigKey("oauth-dropins.sites.github.alowed-scopes", "repo")
          .overrideConfigKey("oauth-dropins.store.directory", "target/misspelt-store")
          // Dev services give the app an H2 datasource, whose store needs a key ring.
          .overrideConfigKey("oauth-dropins.keys", SealedCookie.RING)
          .assertException(
              t ->
                  assertThat(Failures.root(t))
                      .hasMessageContaining("oauth-dropins.sites.github.alowed-scopes"));

  @Test
  void neverStarts() {
    throw new AssertionError("the app started");
  }
}
