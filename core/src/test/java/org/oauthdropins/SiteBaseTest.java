package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.sites.gitlab.GitLab;
import org.oauthdropins.sites.google.Google;

/**
 * A site declares each of its base URLs once, as a {@link SiteBase}: code moves one by the
 * constant, configuration by its name, and the two name the same base.
 */
class SiteBaseTest {

  private static final SiteOptions GIVEN =
      SiteOptions.defaults().withCredentials(new Credentials("id", "secret"));

  @Test
  void theConstantMovesItsBaseAndNoOther() {
    SiteOptions ghe = GIVEN.withBase(GitHub.API, "https://ghe.corp.example/api/v3/");

    assertThat(ghe.url(GitHub.API, "/graphql"))
        .isEqualTo(URI.create("https://ghe.corp.example/api/v3/graphql"));
    assertThat(ghe.url(GitHub.WEB, "/login/oauth/authorize"))
        .isEqualTo(URI.create("https://github.com/login/oauth/authorize"));
    assertThat(GitHub.create(ghe).apiBase())
        .contains(URI.create("https://ghe.corp.example/api/v3"));
  }

  @Test
  void configurationMovesTheSameBaseByItsName() {
    SiteOptions ghe = GIVEN.withBase("web", "https://ghe.corp.example");

    assertThat(ghe.url(GitHub.WEB, "/login/oauth/authorize"))
        .isEqualTo(URI.create("https://ghe.corp.example/login/oauth/authorize"));
    assertThat(ghe.url(GitHub.API, "")).isEqualTo(URI.create("https://api.github.com"));
  }

  @Test
  void oneOverrideForAllMovesEveryBase() {
    SiteOptions fake = GIVEN.withAllBases(URI.create("http://127.0.0.1:9"));

    assertThat(fake.url(Google.ACCOUNTS, "/o/oauth2/v2/auth"))
        .isEqualTo(URI.create("http://127.0.0.1:9/o/oauth2/v2/auth"));
    assertThat(fake.url(Google.APIS, "")).isEqualTo(URI.create("http://127.0.0.1:9"));
  }

  /** The names are configuration (base-urls.web, base-urls.api...): they must not drift. */
  @Test
  void theNamesAreTheOnesConfigurationUses() {
    assertThat(GitHub.WEB.name()).isEqualTo("web");
    assertThat(GitHub.API.name()).isEqualTo("api");
    assertThat(GitLab.WEB.name()).isEqualTo("web");
    assertThat(Google.OPENIDCONNECT.name()).isEqualTo("openidconnect");
    assertThat(Bluesky.PLC_DIRECTORY.name()).isEqualTo("plc");
    assertThat(GitHub.WEB.defaultUrl()).isEqualTo("https://github.com");
  }

  @Test
  void theDefaultIsAnAbsoluteHttpUrlWithoutItsTrailingSlash() {
    assertThat(SiteBase.of("web", "https://example.org/").defaultUrl())
        .isEqualTo("https://example.org");
    assertThat(SiteBase.of("api", "http://127.0.0.1:8080/v1").defaultUrl())
        .isEqualTo("http://127.0.0.1:8080/v1");
  }

  @Test
  void aBaseWithoutAUsableNameOrDefaultIsAnError() {
    assertThatThrownBy(() -> SiteBase.of("*", "https://example.org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("*");
    assertThatThrownBy(() -> SiteBase.of("", "https://example.org"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SiteBase.of("Web Site", "https://example.org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Web Site");
    assertThatThrownBy(() -> SiteBase.of("web", "github.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("github.com");
    assertThatThrownBy(() -> SiteBase.of("web", "ftp://example.org"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SiteBase.of("web", "https://example.org/?q=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SiteBase.of(null, "https://example.org"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SiteBase.of("web", null)).isInstanceOf(NullPointerException.class);
  }
}
