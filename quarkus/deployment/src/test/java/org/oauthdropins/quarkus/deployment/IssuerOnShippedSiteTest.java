package org.oauthdropins.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An issuer on a name the library ships is refused, as in the Spring Boot starter: ignoring it
 * would log users in at the shipped site's default instance.
 */
class IssuerOnShippedSiteTest {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .overrideConfigKey("oauth-dropins.sites.gitlab.issuer", "https://gitlab.example.org")
          .overrideConfigKey("oauth-dropins.sites.gitlab.client-id", "id")
          .overrideConfigKey("oauth-dropins.store.directory", "target/issuer-store")
          // Dev services give the app an H2 datasource, whose store needs a key ring.
          .overrideConfigKey("oauth-dropins.keys", SealedCookie.RING)
          .assertException(
              t ->
                  assertThat(Failures.root(t))
                      .isInstanceOf(IllegalArgumentException.class)
                      .hasMessageContaining(
                          "oauth-dropins.sites.gitlab is a site the library ships"));

  @Test
  void neverStarts() {
    throw new AssertionError("the app started");
  }
}
