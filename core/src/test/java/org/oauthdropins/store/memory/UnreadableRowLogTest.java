package org.oauthdropins.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/**
 * What is logged of a row the key ring cannot open: one ERROR per key id that names the id and what
 * to do, however many requests meet such rows, and nothing of the value.
 */
class UnreadableRowLogTest {

  @Test
  void aRowThatDoesNotOpenIsLoggedOnceAtErrorWithoutItsValue() throws Exception {
    KeyRing ring = KeyRing.generate();
    MemoryStore right = new MemoryStore(ring);
    String token = "gho_" + Secrets.random(16);
    Key key = new Key("GitHubAuth", "mona");
    right.put(AuthRecord.of(key, "github", new AccessToken.Bearer(token), null, null, "{}", "{}"));
    String sealed =
        ((AccessToken.Bearer) right.unsealed().logins().get(key).orElseThrow().token()).value();
    // Past the key check (its record gone), to the row itself.
    right.unsealed().registrations().delete("oauth-dropins", "key-ring");
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    MemoryStore wrong =
        right.withKeys(
            KeyRing.parse(ring.primaryId() + ":" + Base64.getEncoder().encodeToString(other)));

    // The build sends every test's log to this file (the root POM's surefire configuration).
    Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
    long before = Files.size(log);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> wrong.get(key))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("key " + ring.primaryId())
          .hasMessageNotContaining(token)
          .hasMessageNotContaining(sealed);
    }
    byte[] all = Files.readAllBytes(log);
    String logged =
        new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
    assertThat(logged.lines().filter(l -> l.contains("ERROR"))).hasSize(1);
    assertThat(logged)
        .contains("key " + ring.primaryId())
        .contains("OAUTH_DROPINS_KEYS")
        .doesNotContain(token)
        .doesNotContain(sealed.substring(KeyRing.SEALED_PREFIX.length() + 12));
  }
}
