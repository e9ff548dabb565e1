package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.SiteConfigurationException.MissingCredentials;
import org.oauthdropins.SiteConfigurationException.UnknownSite;
import org.oauthdropins.sites.Sites;

/** Creating several sites names every missing credential and unknown name at once. */
class SiteConfigurationTest {

  @TempDir Path dir;

  @Test
  void creatingSeveralSitesNamesEveryMissingCredentialAndUnknownNameInOneError() {
    assertThatThrownBy(
            () -> Sites.create(SiteOptions.defaults(), List.of("github", "gitlab", "google")))
        .isInstanceOfSatisfying(
            SiteConfigurationException.class,
            e -> {
              assertThat(e.problems())
                  .containsExactly(
                      new MissingCredentials(
                          "github", List.of("github_client_id", "github_client_secret")),
                      new MissingCredentials(
                          "gitlab", List.of("gitlab_client_id", "gitlab_client_secret")),
                      new UnknownSite("google", "google_signin"));
              assertThat(e.getMessage())
                  .contains("GITHUB_CLIENT_ID", "./github_client_secret", "GITLAB_CLIENT_SECRET")
                  .contains("google", "did you mean google_signin");
            });
  }

  @Test
  void sitesThatNeedNoCredentialsAreCreated() {
    assertThat(Sites.create(SiteOptions.defaults(), List.of("mastodon", "bluesky")))
        .extracting(Site::name)
        .containsExactly("mastodon", "bluesky");
  }

  @Test
  void aHalfGivenPairNamesTheMissingHalf() throws Exception {
    Files.writeString(dir.resolve("github_client_id"), "id");
    assertThatThrownBy(
            () -> Credentials.lookup("github_client_id", "github_client_secret", Map.of(), dir))
        .isInstanceOfSatisfying(
            MissingCredentialsException.class,
            e -> assertThat(e.files()).containsExactly("github_client_secret"));
  }

  @Test
  void misspeltNamesGetTheClosestShippedId() {
    assertThat(Sites.suggest("google")).contains("google_signin");
    assertThat(Sites.suggest("gitlba")).contains("gitlab");
    assertThat(Sites.suggest("GitHub")).contains("github");
    assertThat(Sites.suggest("twitterv2")).contains("twitter_v2");
    assertThat(Sites.suggest("keycloak")).isEmpty();
  }
}
