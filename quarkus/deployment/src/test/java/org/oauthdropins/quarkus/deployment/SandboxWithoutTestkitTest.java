package org.oauthdropins.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sandbox without the testkit (an optional dependency of the extension, absent here) says what
 * to add rather than failing on a missing class.
 */
class SandboxWithoutTestkitTest {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .overrideConfigKey("oauth-dropins.sandbox", "true")
          .overrideConfigKey("oauth-dropins.sites.github.enabled", "true")
          .overrideConfigKey("oauth-dropins.store.directory", "target/no-testkit-store")
          // Dev services give the app an H2 datasource, whose store needs a key ring.
          .overrideConfigKey("oauth-dropins.keys", SealedCookie.RING)
          .assertException(
              t ->
                  assertThat(Failures.root(t))
                      .isInstanceOf(IllegalStateException.class)
                      .hasMessageContaining("org.oauthdropins:oauth-dropins-testkit"));

  @Test
  void neverStarts() {
    throw new AssertionError("the app started");
  }
}
