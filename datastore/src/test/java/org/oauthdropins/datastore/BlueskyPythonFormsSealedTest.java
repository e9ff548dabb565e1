package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.datastore.Datastore;
import org.junit.jupiter.api.Test;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.sites.bluesky.BlueskyAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.FakeBluesky;

/**
 * {@link BlueskyPythonFormsTest} with {@link DatastoreStore#sealingPythonKinds()}. The old app
 * password goes all the same, and Java still logs in, signs and refreshes with what it wrote; but a
 * Python app cannot use these logins any more, and the tests that checked that it can now check
 * that it cannot: {@code dpop_token} keeps the Python serializer's shape, while its tokens and its
 * DPoP key are sealed text, which {@code DPoPToken} and {@code DPoPKey(**dpop_key)} refuse, and the
 * {@code session} of an app password holds sealed tokens.
 */
class BlueskyPythonFormsSealedTest extends BlueskyPythonFormsTest {

  @Override
  DatastoreStore open(Datastore raw) {
    return super.open(raw).sealingPythonKinds();
  }

  @Test
  @Override
  void aJavaAppPasswordLoginOverAPythonOneDropsTheOldPasswordToo() {
    BlueskyAuth auth = site.passwordLogin(PYTHON_HANDLE, PYTHON_PASSWORD, store);

    String session = EntityMapper.text(entity(PYTHON_DID), "session");
    assertThat(EntityMapper.text(entity(PYTHON_DID), "password")).isNull();
    assertThat(session).doesNotContain(auth.refreshToken()).contains(KeyRing.SEALED_PREFIX);
    assertThat(store.get(new Key("BlueskyAuth", PYTHON_DID)).orElseThrow().refreshToken())
        .isEqualTo(auth.refreshToken());
  }

  @Test
  @Override
  void aRefreshOfAPythonAppPasswordLoginKeepsItsPassword() {
    Key key = new Key("BlueskyAuth", PYTHON_DID);
    AuthRecord python = store.get(key).orElseThrow();

    store
        .putIfTokensUnchanged(
            python,
            python.withTokens(new AccessToken.Bearer("eyJ.access.java"), "eyJ.refresh.java", null))
        .orElseThrow();

    assertThat(EntityMapper.text(entity(PYTHON_DID), "password")).isEqualTo("app-pass-word-xxxx");
    assertThat(EntityMapper.text(entity(PYTHON_DID), "session"))
        .doesNotContain("eyJ.refresh.java")
        .contains(KeyRing.SEALED_PREFIX);
    assertThat(store.get(key).orElseThrow().refreshToken()).isEqualTo("eyJ.refresh.java");
  }

  @Test
  @Override
  void theDpopTokenIsThePythonSerializersFormAndJavaSignsWithTheKeyInIt() {
    oauthLogin(FakeBluesky.HANDLE);
    Key key = new Key("BlueskyAuth", FakeBluesky.DID);

    JsonNode token = pythonLoads(EntityMapper.text(entity(FakeBluesky.DID), "dpop_token"));
    assertThat(token.path("token_type").asText()).isEqualTo("DPoP");
    assertThat(token.path("sub").asText()).isEqualTo(FakeBluesky.DID);
    // What Python cannot use: sealed text where its serializer expects a token and a JWK.
    assertThat(token.path("access_token").asText()).startsWith(KeyRing.SEALED_PREFIX);
    assertThat(token.path("refresh_token").asText()).startsWith(KeyRing.SEALED_PREFIX);
    JsonNode privateKey = token.path("dpop_key").path("private_key");
    assertThat(privateKey.isObject()).as("a JWK that DPoPKey could load").isFalse();
    assertThat(privateKey.asText()).startsWith(KeyRing.SEALED_PREFIX);

    // Java reads its own form back, signs with the key, and writes a refresh the same way.
    BlueskyAuth auth = site.load(store, key).orElseThrow();
    assertThat(auth.isOAuth()).isTrue();
    var answer =
        auth.get(auth.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=" + FakeBluesky.DID);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(auth.refresh()).isTrue();
    JsonNode refreshed = pythonLoads(EntityMapper.text(entity(FakeBluesky.DID), "dpop_token"));
    assertThat(refreshed.path("refresh_token").asText()).startsWith(KeyRing.SEALED_PREFIX);
    BlueskyAuth reloaded = site.load(store, key).orElseThrow();
    assertThat(
            reloaded
                .get(reloaded.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=" + FakeBluesky.DID)
                .status())
        .isEqualTo(200);
  }
}
