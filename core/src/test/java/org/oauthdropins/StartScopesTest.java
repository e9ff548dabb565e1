package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.web.WebResponse;

/**
 * The {@code scope} a login form carries (the button's {@code scopes}): any well-formed scope by
 * default, as in the Python library; only the listed ones when the app says so.
 */
class StartScopesTest {

  private final MemoryStore store = new MemoryStore();
  private final Site<?> github =
      GitHub.create(
          SiteOptions.defaults()
              .withAllBases(URI.create("https://github.test"))
              .withCredentials(new Credentials("id", "secret")));

  private Start.Builder start() {
    return Start.builder(github, store)
        .baseUrl(BaseUrl.of("https://app.example"))
        .callbackPath("/github/oauth_callback");
  }

  private static Req post(String scope) {
    return Req.post("https://app.example/github/start", Map.of("scope", scope));
  }

  private static String scopeSent(WebResponse.Redirect r) {
    return Form.decode(URI.create(r.location()).getRawQuery()).get("scope");
  }

  @Test
  void theFormsScopesJoinTheAppsInOrderWhetherCommaOrSpaceSeparated() {
    WebResponse.Redirect r =
        start().scopes(List.of("read:user")).build().redirect(post("repo, gist  repo"), null);
    assertThat(scopeSent(r)).isEqualTo("read:user repo gist");
  }

  @Test
  void aScopeThatNoServerCouldDefineIsABadRequest() {
    // RFC 6749 3.3: a scope token is printable ASCII without space, '"' and '\'.
    for (String bad : List.of("a\"b", "back\\slash", "caf\u00e9", "tab\u0001")) {
      assertThatThrownBy(() -> start().build().redirect(post(bad), null))
          .as(bad)
          .isInstanceOf(BadRequestException.class)
          .hasMessageContaining("scope");
    }
    assertThat(start().build().handle(post("a\"b")).status()).isEqualTo(400);
  }

  @Test
  void anAppThatListsItsScopesRefusesAnyOtherAndAcceptsItsOwnDefaults() {
    Start s = start().scopes(List.of("read:user")).allowedScopes(List.of("repo", "gist")).build();
    assertThat(scopeSent(s.redirect(post("gist"), null))).isEqualTo("read:user gist");
    assertThat(scopeSent(s.redirect(post("read:user repo"), null))).isEqualTo("read:user repo");
    assertThatThrownBy(() -> s.redirect(post("repo delete_repo"), null))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("delete_repo");
  }

  @Test
  void aMountPassesTheListedScopesToItsStart() {
    Mount m =
        Mount.builder(BaseUrl.of("https://app.example"), github, store)
            .finish(Finish.redirectTo("/after"))
            .allowedScopes(List.of("repo"))
            .build();
    assertThat(m.start().handle(post("admin:org")).status()).isEqualTo(400);
    assertThat(m.start().handle(post("repo")).status()).isEqualTo(302);
  }
}
