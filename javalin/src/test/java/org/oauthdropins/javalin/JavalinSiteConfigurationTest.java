package org.oauthdropins.javalin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.SiteConfigurationException;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.store.jdbc.JdbcStore;

/** A Javalin app that mounts several sites learns of everything missing in one start. */
class JavalinSiteConfigurationTest {

  @Test
  void mountingSeveralSitesNamesEveryMissingCredentialAndMisspeltSiteAtOnce() throws Exception {
    try (JdbcStore store = JdbcStore.h2("jdbc:h2:mem:javalin-config")) {
      assertThatThrownBy(
              () ->
                  Javalin.create(
                      config ->
                          Sites.create(
                                  SiteOptions.defaults(), List.of("github", "gitlab", "google"))
                              .forEach(
                                  site ->
                                      JavalinDropins.mount(
                                          config,
                                          BaseUrl.loopback(),
                                          site,
                                          store,
                                          Finish.redirectTo("/after"),
                                          null))))
          .isInstanceOf(SiteConfigurationException.class)
          .hasMessageContaining("GITHUB_CLIENT_ID")
          .hasMessageContaining("./github_client_secret")
          .hasMessageContaining("GITLAB_CLIENT_ID")
          .hasMessageContaining("./gitlab_client_secret")
          .hasMessageContaining("did you mean google_signin");
    }
  }
}
