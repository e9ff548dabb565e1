package org.oauthdropins.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sandbox, whose fakes approve every login, never runs behind a public base URL. */
class SandboxRefusedTest {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .overrideConfigKey("oauth-dropins.sandbox", "true")
          .overrideConfigKey("oauth-dropins.base-url", "https://app.example")
          .overrideConfigKey("oauth-dropins.sites.github.enabled", "true")
          .overrideConfigKey("oauth-dropins.store.directory", "target/sandbox-refused-store")
          // Dev services give the app an H2 datasource, whose store needs a key ring.
          .overrideConfigKey("oauth-dropins.keys", SealedCookie.RING)
          .assertException(
              t ->
                  assertThat(Failures.root(t))
                      .isInstanceOf(IllegalStateException.class)
                      .hasMessageContaining("oauth-dropins.sandbox=true")
                      .hasMessageContaining("not a loopback one"));

  @Test
  void neverStarts() {
    throw new AssertionError("the app started");
  }
}
