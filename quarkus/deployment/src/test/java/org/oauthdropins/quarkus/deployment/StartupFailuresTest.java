package org.oauthdropins.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sites named in the properties without usable credentials stop the app at start-up in one failure
 * that names every one of them with the properties to set: GitHub enabled with no credentials
 * anywhere, and GitLab with a client id but no secret (which would otherwise be mounted and fail
 * its first login with the provider's invalid_client).
 */
class StartupFailuresTest {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .overrideConfigKey("oauth-dropins.sites.github.enabled", "true")
          .overrideConfigKey("oauth-dropins.sites.gitlab.client-id", "an-id-without-its-secret")
          .overrideConfigKey("oauth-dropins.store.directory", "target/failures-store")
          // Dev services give the app an H2 datasource, whose store needs a key ring.
          .overrideConfigKey("oauth-dropins.keys", SealedCookie.RING)
          .assertException(
              t ->
                  assertThat(Failures.root(t))
                      .isInstanceOf(IllegalStateException.class)
                      .hasMessageContaining("oauth-dropins.sites.github.client-id")
                      .hasMessageContaining("oauth-dropins.sites.github.client-secret")
                      .hasMessageContaining("GITHUB_CLIENT_ID")
                      .hasMessageContaining("oauth-dropins.sites.gitlab.client-secret")
                      .hasMessageContaining("GITLAB_CLIENT_SECRET")
                      .hasMessageNotContaining("an-id-without-its-secret"));

  @Test
  void neverStarts() {
    throw new AssertionError("the app started");
  }
}
