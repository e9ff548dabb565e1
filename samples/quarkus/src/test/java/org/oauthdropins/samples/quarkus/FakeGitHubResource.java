package org.oauthdropins.samples.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.oauthdropins.testkit.FakeGitHub;

/**
 * Starts the testkit's fake GitHub and points the app's GitHub site at it, with its credentials.
 */
public class FakeGitHubResource implements QuarkusTestResourceLifecycleManager {

  private FakeGitHub github;

  @Override
  public Map<String, String> start() {
    github = new FakeGitHub();
    return Map.of(
        "oauth-dropins.sites.github.client-id", github.credentials().clientId(),
        "oauth-dropins.sites.github.client-secret", github.credentials().clientSecret(),
        "oauth-dropins.sites.github.base-urls.all", github.url().toString(),
        "oauth-dropins.store.directory", "target/sample-store-" + System.nanoTime());
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(github, new TestInjector.MatchesType(FakeGitHub.class));
  }

  @Override
  public void stop() {
    github.close();
  }
}
