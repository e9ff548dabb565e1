package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.datastore.Datastore;
import org.junit.jupiter.api.Test;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.sites.bluesky.BlueskyAuth;
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

  /** Sealed: the token is not in the text Python reads, sealed text is. */
  @Override
  void assertPythonReads(String stored, String token) {
    assertThat(stored).doesNotContain(token).contains(KeyRing.SEALED_PREFIX);
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
    BlueskyAuth auth = signsAtThePds(key);
    assertThat(auth.refresh()).isTrue();
    JsonNode refreshed = pythonLoads(EntityMapper.text(entity(FakeBluesky.DID), "dpop_token"));
    assertThat(refreshed.path("refresh_token").asText()).startsWith(KeyRing.SEALED_PREFIX);
    signsAtThePds(key);
  }
}
