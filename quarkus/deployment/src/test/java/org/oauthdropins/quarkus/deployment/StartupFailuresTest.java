package org.oauthdropins.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A GitHub site named in the properties without credentials anywhere stops the app at start-up,
 * naming the properties to set, instead of starting without its login.
 */
class StartupFailuresTest {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .overrideConfigKey("oauth-dropins.sites.github.enabled", "true")
          .overrideConfigKey("oauth-dropins.store.directory", "target/failures-store")
          .assertException(
              t ->
                  assertThat(Failures.root(t))
                      .isInstanceOf(IllegalStateException.class)
                      .hasMessageContaining("oauth-dropins.sites.github.client-id")
                      .hasMessageContaining("oauth-dropins.sites.github.client-secret")
                      .hasMessageContaining("GITHUB_CLIENT_ID"));

  @Test
  void neverStarts() {
    throw new AssertionError("the app started");
  }
}
