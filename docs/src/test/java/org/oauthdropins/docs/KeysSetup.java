package org.oauthdropins.docs;

// readme:start keys-plain
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.oauthdropins.Logins;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;

// readme:end
// readme:start keys-javalin
import io.javalin.Javalin;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.javalin.JavalinDropins;
import org.oauthdropins.sites.github.GitHub;

// readme:end
// readme:start keys-rotation
import org.oauthdropins.keys.ResealReport;

// readme:end

/** The README's key ring configuration, in plain Java and in a Javalin app, and a rotation. */
final class KeysSetup {

  private KeysSetup() {}

  static Logins plain(DataSource pool) {
    // readme:start keys-plain
    // OAUTH_DROPINS_KEYS="7:<32 bytes in base64>" from your secret store, else a mounted file
    KeyRing ring =
        KeySource.environment()
            .orElseGet(() -> KeySource.file(Path.of("/run/secrets/oauth-dropins-keys")).keyRing());
    AuthStore store = new JdbcStore(pool, ring); // tokens and secrets sealed under key 7
    Logins logins = Logins.forStore(store).withMaxAge(Duration.ofDays(7)); // the same ring
    // readme:end
    return logins;
  }

  static Javalin javalin(DataSource pool, KeyRing ring) {
    // readme:start keys-javalin
    AuthStore store = new JdbcStore(pool, ring);
    Logins logins = Logins.forStore(store);
    BaseUrl baseUrl = BaseUrl.fromEnvironment();
    Javalin app =
        Javalin.create(
            config ->
                JavalinDropins.mount(
                    config,
                    baseUrl,
                    GitHub.create(SiteOptions.defaults()),
                    store,
                    Finish.redirectTo("/after"),
                    logins));
    // readme:end
    return app;
  }

  static ResealReport rotate(AuthStore store) {
    // readme:start keys-rotation
    // Step 3, once every server runs with the new key first: seal every stored value under it.
    ResealReport report = store.reseal();
    if (report.complete()) {
      System.out.println("no stored value needs keys " + report.retired() + " any more");
    } else {
      System.out.println("rows that no key of the ring opens, by key id: " + report.unreadable());
    }
    // readme:end
    return report;
  }
}
