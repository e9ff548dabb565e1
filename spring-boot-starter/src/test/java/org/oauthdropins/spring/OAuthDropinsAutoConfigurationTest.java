package org.oauthdropins.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Mount;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.web.WebResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** What the starter configures from properties, without a server. */
class OAuthDropinsAutoConfigurationTest {

  @TempDir Path dir;

  private WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OAuthDropinsAutoConfiguration.class))
        .withPropertyValues("oauth-dropins.store.directory=" + dir);
  }

  private static List<String> mounted(DropinSites sites) {
    return sites.mounts().stream().map(m -> m.site().name()).toList();
  }

  @Test
  void onlyConfiguredSitesAndEnabledCredentialLessOnesAreMounted() {
    runner()
        .withPropertyValues(
            "oauth-dropins.sites.github.client-id=id",
            "oauth-dropins.sites.github.client-secret=secret",
            "oauth-dropins.sites.github.scopes=repo,gist",
            "oauth-dropins.sites.indieauth.enabled=true",
            "oauth-dropins.sites.mastodon.enabled=false")
        .run(
            ctx -> {
              DropinSites sites = ctx.getBean(DropinSites.class);
              assertThat(mounted(sites)).contains("github", "indieauth").doesNotContain("mastodon");
              Mount github = sites.mounts().get(mounted(sites).indexOf("github"));
              assertThat(github.startPath()).isEqualTo("/github/start");
              assertThat(github.callbackPath()).isEqualTo("/github/oauth_callback");
            });
  }

  @Test
  void blueskysAppPasswordFormIsMountedBesideItsStartAndCallbackAtItsOwnPath() {
    runner()
        .withPropertyValues(
            "oauth-dropins.sites.bluesky.enabled=true",
            "oauth-dropins.sites.github.client-id=id",
            "oauth-dropins.sites.github.client-secret=secret",
            "oauth-dropins.password-path=/login/{site}/app-password")
        .run(
            ctx -> {
              DropinSites sites = ctx.getBean(DropinSites.class);
              Mount bluesky = sites.mounts().get(mounted(sites).indexOf("bluesky"));
              assertThat(bluesky.route("password").map(SiteRoute::path).orElse(null))
                  .isEqualTo("/login/bluesky/app-password");
              assertThat(bluesky.route("password").orElse(null)).isNotNull();
              Mount github = sites.mounts().get(mounted(sites).indexOf("github"));
              assertThat(github.route("password").map(SiteRoute::path).orElse(null)).isNull();
              assertThat(github.route("password").orElse(null)).isNull();
            });
  }

  @Test
  void allowedScopesLimitWhatALoginFormMayAskForAndAButtonTakesOptions() {
    runner()
        .withPropertyValues(
            "oauth-dropins.sites.github.client-id=id",
            "oauth-dropins.sites.github.client-secret=secret",
            "oauth-dropins.sites.github.allowed-scopes=repo,gist")
        .run(
            ctx -> {
              DropinSites sites = ctx.getBean(DropinSites.class);
              Mount github = sites.mounts().get(mounted(sites).indexOf("github"));
              assertThat(github.start().handle(formPost("/github/start", "gist")).status())
                  .isEqualTo(302);
              assertThat(github.start().handle(formPost("/github/start", "admin:org")).status())
                  .isEqualTo(400);
              String html = sites.button("/app", github).scopes("repo").render(github.site());
              assertThat(html)
                  .contains("action=\"/app/github/start\"")
                  .contains("src=\"/app/oauth_dropins/github.svg\"")
                  .contains("<input type=\"hidden\" name=\"scope\" value=\"repo\">");
            });
  }

  @Test
  void pendingLoginsAreSealedInACookieUnlessThePropertyKeepsThemInTheStore() {
    for (String setting : new String[] {null, "store"}) {
      runner()
          .withPropertyValues(
              "oauth-dropins.sites.github.client-id=id",
              "oauth-dropins.sites.github.client-secret=secret",
              setting == null
                  ? "oauth-dropins.logins.max-age=30d"
                  : "oauth-dropins.pending-logins=" + setting)
          .run(
              ctx -> {
                DropinSites sites = ctx.getBean(DropinSites.class);
                Mount github = sites.mounts().get(mounted(sites).indexOf("github"));
                org.oauthdropins.web.WebResponse r =
                    github.start().handle(formPost("/github/start", "gist"));
                assertThat(r.status()).isEqualTo(302);
                assertThat(
                        r.cookies().stream()
                            .anyMatch(c -> c.name().startsWith("oauthdropins_pending_github_")))
                    .as("pending-logins=%s", setting)
                    .isEqualTo(setting == null);
              });
    }
  }

  /** A same-origin login form's POST with a scope, as the browser sends it from the app's page. */
  private static org.oauthdropins.web.WebRequest formPost(String path, String scope) {
    java.net.URI url = java.net.URI.create("http://localhost" + path);
    return new org.oauthdropins.web.WebRequest() {
      @Override
      public java.net.URI url() {
        return url;
      }

      @Override
      public String method() {
        return "POST";
      }

      @Override
      public java.util.Optional<String> header(String name) {
        return name.equalsIgnoreCase("Sec-Fetch-Site")
            ? java.util.Optional.of("same-origin")
            : java.util.Optional.empty();
      }

      @Override
      public java.util.Optional<String> parameter(String name) {
        return name.equals("scope") ? java.util.Optional.of(scope) : java.util.Optional.empty();
      }

      @Override
      public java.util.Optional<String> cookie(String name) {
        return java.util.Optional.empty();
      }
    };
  }

  @Test
  void anyOtherNameWithAnIssuerIsAGenericOpenIdConnectProvider() {
    runner()
        .withPropertyValues(
            "oauth-dropins.sites.authentik.issuer=https://sso.example/application/o/main/",
            "oauth-dropins.sites.authentik.client-id=id",
            "oauth-dropins.sites.authentik.client-secret=secret",
            "oauth-dropins.callback-path=/auth/{site}/callback")
        .run(
            ctx -> {
              DropinSites sites = ctx.getBean(DropinSites.class);
              Mount authentik = sites.mounts().get(mounted(sites).indexOf("authentik"));
              assertThat(authentik.site().kind()).isEqualTo("AuthentikAuth");
              assertThat(authentik.callbackPath()).isEqualTo("/auth/authentik/callback");
            });
  }

  @Test
  void anIssuerOnAShippedSiteFailsTheStartupInsteadOfBeingIgnored() {
    runner()
        .withPropertyValues(
            "oauth-dropins.sites.gitlab.issuer=https://gitlab.example",
            "oauth-dropins.sites.gitlab.client-id=id")
        .run(
            ctx ->
                assertThat(ctx.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("oauth-dropins.sites.gitlab")
                    .hasMessageContaining("base-urls"));
  }

  @Test
  void keycloakIsConfiguredByItsRealmsUrlAndWithoutOneTheStartupSaysSo() {
    runner()
        .withPropertyValues(
            "oauth-dropins.sites.keycloak.base-urls.realm=https://sso.example/realms/main",
            "oauth-dropins.sites.keycloak.client-id=id",
            "oauth-dropins.sites.keycloak.client-secret=secret")
        .run(
            ctx -> {
              DropinSites sites = ctx.getBean(DropinSites.class);
              Mount keycloak = sites.mounts().get(mounted(sites).indexOf("keycloak"));
              assertThat(keycloak.site().kind()).isEqualTo("KeycloakAuth");
              assertThat(keycloak.site().button().label()).isEqualTo("Sign in with Keycloak");
            });
    runner()
        .withPropertyValues(
            "oauth-dropins.sites.keycloak.client-id=id",
            "oauth-dropins.sites.keycloak.client-secret=secret")
        .run(
            ctx ->
                assertThat(
                        new SiteConfigurationFailureAnalyzer()
                            .analyze(ctx.getStartupFailure())
                            .getDescription())
                    .contains("keycloak")
                    .contains("base-urls.realm"));
  }

  @Test
  void anUnknownSiteWithoutAnIssuerFailsTheStartupWithItsName() {
    runner()
        .withPropertyValues("oauth-dropins.sites.gitlub.client-id=id")
        .run(
            ctx ->
                assertThat(
                        new SiteConfigurationFailureAnalyzer()
                            .analyze(ctx.getStartupFailure())
                            .getDescription())
                    .contains("oauth-dropins.sites.gitlub"));
  }

  @Test
  void theBaseUrlGetsTheServletContextPathWhenItHasNoPathOfItsOwn() {
    runner()
        .withPropertyValues(
            "oauth-dropins.base-url=https://app.example", "server.servlet.context-path=/app")
        .run(
            ctx ->
                assertThat(ctx.getBean(BaseUrl.class))
                    .hasToString("BaseUrl[https://app.example/app]"));
    runner()
        .withPropertyValues(
            "oauth-dropins.base-url=https://app.example/public", "server.servlet.context-path=/app")
        .run(
            ctx ->
                assertThat(ctx.getBean(BaseUrl.class))
                    .hasToString("BaseUrl[https://app.example/public]"));
    runner().run(ctx -> assertThat(ctx.getBean(BaseUrl.class).isLoopback()).isTrue());
  }

  private static DataSource h2(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  private static boolean hasTables(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        ResultSet r = c.getMetaData().getTables(null, null, "OAUTH_AUTH", null)) {
      return r.next();
    }
  }

  @Test
  void theAppsDataSourceHoldsTheStoreWithTablesCreatedOrLeftToMigrations() {
    DataSource created = h2("created");
    String keys = "oauth-dropins.keys=" + org.oauthdropins.keys.KeyRing.generate().spec();
    runner()
        .withBean(DataSource.class, () -> created)
        .withPropertyValues(keys)
        .run(
            ctx -> {
              assertThat(ctx.getBean(AuthStore.class)).isInstanceOf(JdbcStore.class);
              assertThat(hasTables(created)).isTrue();
            });
    DataSource migrated = h2("migrated");
    runner()
        .withBean(DataSource.class, () -> migrated)
        .withPropertyValues("oauth-dropins.store.create-schema=false", keys)
        .run(
            ctx -> {
              // Nothing was created, and the missing tables stop the app at start-up.
              assertThat(ctx).hasFailed();
              assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("OAUTH");
              assertThat(hasTables(migrated)).isFalse();
            });
  }

  @Test
  void withoutADataSourceTheStoreIsTheEmbeddedOne() {
    runner()
        .run(
            ctx -> {
              AuthStore store = ctx.getBean(AuthStore.class);
              assertThat(store).isInstanceOf(JdbcStore.class);
              // The embedded store opens in the background; a store call waits until it is open.
              assertThat(store.get(new Key("k", "id"))).isEmpty();
              assertThat(dir.resolve("oauth-dropins.mv.db")).exists();
            });
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX permissions")
  void theEmbeddedStoresFolderIsReadableByItsOwnerOnly() {
    Path data = dir.resolve("oauth-dropins-data");
    runner()
        .withPropertyValues("oauth-dropins.store.directory=" + data)
        .run(
            ctx -> {
              assertThat(ctx.getBean(AuthStore.class).get(new Key("k", "id"))).isEmpty();
              assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                  .isEqualTo("rwx------");
              assertThat(
                      PosixFilePermissions.toString(
                          Files.getPosixFilePermissions(data.resolve("oauth-dropins.mv.db"))))
                  .isEqualTo("rw-------");
            });
  }

  @Test
  void theDatastoreStoreWithoutAProjectFailsTheStartupSayingWhatIsMissing() {
    runner()
        .withPropertyValues("oauth-dropins.store.type=datastore")
        .run(
            ctx ->
                assertThat(ctx.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("oauth-dropins.store.datastore-project-id"));
  }

  @Test
  void theAppsFinishBeanFinishesEveryLogin() {
    Finish mine = (auth, state, request) -> WebResponse.Page.text(200, "mine");
    runner()
        .withBean(Finish.class, () -> mine)
        .withPropertyValues("oauth-dropins.security.sign-in=true")
        .run(ctx -> assertThat(ctx.getBean(Finish.class)).isSameAs(mine));
  }
}
