package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.memory.MemoryStore;

/** What the adapters mount for a site: paths, and handlers built with the mount's settings. */
class MountTest {

  private final BaseUrl base = BaseUrl.of("https://app.example");
  private final AuthStore store = new MemoryStore();
  private final TestSite site =
      new TestSite() {
        @Override
        public String kind() {
          return "StubAuth";
        }

        @Override
        public AuthEntity entity(AuthRecord record, AuthStore store) {
          throw new UnsupportedOperationException();
        }

        @Override
        public org.oauthdropins.http.HttpCall sign(
            org.oauthdropins.http.HttpCall call, AuthRecord record) {
          return call;
        }
      };

  @Test
  void aSiteIsMountedAtItsUsualPaths() {
    Mount m = Mount.of(base, site, store, Finish.redirectTo("/after"), null);
    assertThat(m.startPath()).isEqualTo("/stub/start");
    assertThat(m.callbackPath()).isEqualTo("/stub/oauth_callback");
    assertThat(m.start().site()).isSameAs(site);
    assertThat(m.baseUrl()).isSameAs(base);
  }

  @Test
  void theBuilderMovesThePaths() {
    Mount m =
        Mount.builder(base, site, store)
            .finish(Finish.redirectTo("/after"))
            .paths("/login/stub", "/login/stub/back")
            .scopes(List.of("extra"))
            .listener(e -> {})
            .build();
    assertThat(m.startPath()).isEqualTo("/login/stub");
    assertThat(m.callbackPath()).isEqualTo("/login/stub/back");
  }

  @Test
  void aMountWithoutAFinishIsRefused() {
    assertThatThrownBy(() -> Mount.builder(base, site, store).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("finish");
  }
}
