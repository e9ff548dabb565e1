package org.oauthdropins.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/**
 * The ID token an OpenID Connect login keeps for its logout ({@link Oidc#ID_TOKEN_JWT}) is a
 * credential: a store that seals logins holds it sealed, and gives it back opened.
 */
class IdTokenSealedTest {

  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJncmFjZSJ9.c2lnbmF0dXJl";

  @Test
  void theKeptIdTokenIsSealedAtRestAndOpensOnRead() {
    MemoryStore store = new MemoryStore();
    Key key = new Key("SandboxAuth", "grace");
    var extra = Json.object();
    extra.putObject(Oidc.ID_TOKEN).put("sub", "grace").put("sid", "s-1");
    extra.put(Oidc.ID_TOKEN_JWT, JWT);
    Instant now = Instant.now();
    store.put(
        new AuthRecord(
            key,
            "sandbox",
            new AccessToken.Bearer("at-1"),
            null,
            null,
            "{\"sub\":\"grace\"}",
            Json.write(extra),
            now,
            now));

    AuthRecord raw = store.unsealed().get(key).orElseThrow();
    assertThat(raw.extraJson()).doesNotContain(JWT).doesNotContain("s-1");
    assertThat(Json.text(Json.parse(store.get(key).orElseThrow().extraJson()), Oidc.ID_TOKEN_JWT))
        .isEqualTo(JWT);
  }
}
