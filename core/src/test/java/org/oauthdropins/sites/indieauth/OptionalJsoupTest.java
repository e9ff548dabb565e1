package org.oauthdropins.sites.indieauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.oauthdropins.SiteOptions;

/**
 * jsoup is an optional dependency of core (apps without IndieAuth leave its 0.5 MB out): an app
 * that mounts IndieAuth without it must learn so at startup, with what to add.
 */
class OptionalJsoupTest {

  @Test
  void indieAuthStartsWhenJsoupIsOnTheClassPath() {
    assertThat(IndieAuthSite.create(SiteOptions.defaults()).name()).isEqualTo("indieauth");
  }

  @Test
  void aMissingOptionalDependencyFailsAtStartupNamingWhatToAdd() {
    assertThatThrownBy(
            () -> IndieAuthSite.requireClass("org.jsoup.NotThere", "add org.jsoup:jsoup"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("add org.jsoup:jsoup");
  }
}
