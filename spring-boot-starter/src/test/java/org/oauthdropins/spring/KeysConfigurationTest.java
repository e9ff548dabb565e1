package org.oauthdropins.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Credentials;
import org.oauthdropins.Logins;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AppRegistrations;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.store.PendingLogins;
import org.oauthdropins.store.RefreshLeases;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.LogWatch;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * Where the starter's key ring comes from ({@code oauth-dropins.keys}, {@code
 * oauth-dropins.keys-file}, an app's {@code KeySource} bean, the embedded key file), that the store
 * and the logins cookie both seal under it, and what the start-up says when there is none.
 */
class KeysConfigurationTest {

  @TempDir Path dir;

  private final KeyRing ring = KeyRing.generate();

  private WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OAuthDropinsAutoConfiguration.class))
        .withPropertyValues("oauth-dropins.store.directory=" + dir.resolve("data"));
  }

  private static DataSource h2(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  /** Whether a cookie the app's Logins wrote opens under this ring alone. */
  private static boolean sealedUnder(Logins logins, KeyRing ring) {
    AuthEntity ada =
        GitHub.create(new SiteOptions(Map.of(), new Credentials("id", "s"), JdkTransport.shared()))
            .entity(
                new AuthRecord(
                    new Key("GitHubAuth", "ada"),
                    "github",
                    new AccessToken.Bearer("t"),
                    null,
                    null,
                    "{\"login\":\"ada\"}",
                    null,
                    Instant.now(),
                    Instant.now()),
                new MemoryStore(ring));
    Cookie c = logins.add(request(Map.of()), ada);
    return Logins.withKeys(ring)
        .verify(request(Map.of(c.name(), c.value())), ada.key().urlsafe())
        .isPresent();
  }

  private static WebRequest request(Map<String, String> cookies) {
    return new WebRequest() {
      @Override
      public URI url() {
        return URI.create("http://localhost/after");
      }

      @Override
      public String method() {
        return "GET";
      }

      @Override
      public Optional<String> header(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<String> parameter(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
      }
    };
  }

  @Test
  void oauthDropinsKeysSealsTheDataSourceStoreAndTheLoginsCookieWithItsMaxAge() {
    runner()
        .withBean(DataSource.class, () -> h2("keys-property"))
        .withPropertyValues("oauth-dropins.keys=" + ring.spec(), "oauth-dropins.logins.max-age=2h")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(AuthStore.class).keyRing().map(KeyRing::spec))
                  .contains(ring.spec());
              Logins logins = ctx.getBean(Logins.class);
              assertThat(logins.maxAge()).isEqualTo(Duration.ofHours(2));
              assertThat(sealedUnder(logins, ring)).isTrue();
              assertThat(sealedUnder(logins, KeyRing.generate())).isFalse();
            });
  }

  @Test
  void aDataSourceStoreWithoutKeysFailsTheStartupNamingWhatToSet() {
    runner()
        .withBean(DataSource.class, () -> h2("no-keys"))
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              assertThat(ctx.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("oauth-dropins.keys")
                  .hasMessageContaining("oauth-dropins.keys-file")
                  .hasMessageContaining("OAUTH_DROPINS_KEYS")
                  .hasMessageContaining("KeySource bean");
              // Spring Boot's "APPLICATION FAILED TO START" report: what failed, and what to set.
              var analysis = new KeysFailureAnalyzer().analyze(ctx.getStartupFailure());
              assertThat(analysis.getDescription())
                  .isEqualTo(
                      "The JDBC store on the app's DataSource seals tokens at rest and needs a key"
                          + " ring.");
              assertThat(analysis.getAction())
                  .startsWith("Set oauth-dropins.keys")
                  .contains("OAUTH_DROPINS_KEYS");
            });
  }

  @Test
  void aMalformedRingFailsTheStartupNamingThePropertyButNoKeyMaterial() {
    String bad = "7:" + "A".repeat(20);
    runner()
        .withPropertyValues("oauth-dropins.keys=" + bad)
        .run(
            ctx ->
                assertThat(ctx.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("oauth-dropins.keys")
                    .hasMessageNotContaining("A".repeat(20)));
  }

  @Test
  void aKeysFileIsReadAndAnAppsKeySourceBeanWinsOverTheProperties() throws Exception {
    Path file = Files.writeString(dir.resolve("ring"), ring.spec() + "\n");
    runner()
        .withBean(DataSource.class, () -> h2("keys-file"))
        .withPropertyValues("oauth-dropins.keys-file=" + file)
        .run(
            ctx ->
                assertThat(ctx.getBean(AuthStore.class).keyRing().map(KeyRing::spec))
                    .contains(ring.spec()));
    KeyRing apps = KeyRing.generate();
    runner()
        .withBean(DataSource.class, () -> h2("key-source"))
        .withBean(KeySource.class, () -> KeySource.of(apps))
        .withPropertyValues("oauth-dropins.keys=" + ring.spec())
        .run(
            ctx -> {
              assertThat(ctx.getBean(AuthStore.class).keyRing().map(KeyRing::spec))
                  .contains(apps.spec());
              assertThat(sealedUnder(ctx.getBean(Logins.class), apps)).isTrue();
            });
  }

  @Test
  void theEmbeddedStoreKeepsItsKeyFileBesideItsDatabaseAndSaysSoOutsideLoopback() throws Exception {
    Path data = dir.resolve("data");
    try (LogWatch log = LogWatch.start()) {
      runner()
          .run(
              ctx -> {
                AuthStore store = ctx.getBean(AuthStore.class);
                KeyRing file =
                    KeyRing.parse(Files.readString(data.resolve(KeySource.EMBEDDED_FILE_NAME)));
                assertThat(store.keyRing().map(KeyRing::spec)).contains(file.spec());
                assertThat(sealedUnder(ctx.getBean(Logins.class), file)).isTrue();
                assertThat(ctx.getBean(Logins.class).maxAge()).isEqualTo(Duration.ofDays(30));
              });
      assertThat(log.text()).as("loopback: no warning").doesNotContain("is not loopback");
    }
    try (LogWatch log = LogWatch.start()) {
      runner()
          .withPropertyValues("oauth-dropins.base-url=https://app.example")
          .run(ctx -> assertThat(ctx).hasNotFailed());
      assertThat(log.text())
          .contains("WARN")
          .contains(data.resolve(KeySource.EMBEDDED_FILE_NAME).toString())
          .contains("https://app.example is not loopback")
          .contains("Set oauth-dropins.keys");
    }
    try (LogWatch log = LogWatch.start()) {
      runner()
          .withPropertyValues(
              "oauth-dropins.base-url=https://app.example", "oauth-dropins.keys=" + ring.spec())
          .run(
              ctx ->
                  assertThat(ctx.getBean(AuthStore.class).keyRing().map(KeyRing::spec))
                      .contains(ring.spec()));
      assertThat(log.text()).as("a configured ring: no warning").doesNotContain("is not loopback");
    }
  }

  @Test
  void anAppsOwnStoreThatSealsNothingLeavesTheConfiguredRingToTheCookie() {
    MemoryStore memory = new MemoryStore();
    AuthStore plain =
        new AuthStore() {
          @Override
          public LoginStore logins() {
            return memory.logins();
          }

          @Override
          public PendingLogins pendingLogins() {
            return memory.pendingLogins();
          }

          @Override
          public AppRegistrations registrations() {
            return memory.registrations();
          }

          @Override
          public RefreshLeases leases() {
            return memory.leases();
          }
        };
    runner()
        .withBean(AuthStore.class, () -> plain)
        .withPropertyValues("oauth-dropins.keys=" + ring.spec())
        .run(ctx -> assertThat(sealedUnder(ctx.getBean(Logins.class), ring)).isTrue());
    runner()
        .withBean(AuthStore.class, () -> plain)
        .run(
            ctx ->
                assertThat(ctx.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("logins cookie")
                    .hasMessageContaining("oauth-dropins.keys"));
  }
}
