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

/** The README's key ring configuration in plain Java. */
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
}
