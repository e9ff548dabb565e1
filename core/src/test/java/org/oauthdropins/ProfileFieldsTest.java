package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

class ProfileFieldsTest {

  private static AuthEntity entity(ProfileFields fields, String userJson) {
    OAuth2Site.Builder<AuthEntity> b =
        OAuth2Site.builder("example", "ExampleAuth")
            .button(Button.of("Sign in", "#000000", "#ffffff"))
            .credentials(new Credentials("id", "secret"))
            .authorizeUrl(URI.create("https://example.com/authorize"))
            .tokenUrl(URI.create("https://example.com/token"))
            .profile(ProfileLoader.bearerGet("example", URI.create("https://example.com/me")))
            .keyId(user -> "unused");
    if (fields != null) {
      b.profileFields(fields);
    }
    Site<?> site = b.build();
    AuthRecord record =
        AuthRecord.of(
            new Key("ExampleAuth", "alice"),
            "example",
            new AccessToken.Bearer("tok"),
            null,
            null,
            userJson,
            "{}");
    return site.entity(record, new MemoryStore());
  }

  @Test
  void readsNestedFieldsAndArrayElements() {
    AuthEntity e =
        entity(
            new ProfileFields("/data/id", "/data/name", "/blogs/1/avatar"),
            "{\"data\":{\"id\":42,\"name\":\"Alice A\"},\"blogs\":[{},{\"avatar\":\"https://a/i\"}]}");
    assertThat(e.userId()).isEqualTo("42");
    assertThat(e.userDisplayName()).isEqualTo("Alice A");
    assertThat(e.imageUrl()).isEqualTo("https://a/i");
  }

  @Test
  void missingEmptyNullOrObjectValuesFallBack() {
    AuthEntity e =
        entity(
            new ProfileFields("/id", "/name", "/avatar"),
            "{\"id\":null,\"name\":\"\",\"avatar\":{\"url\":\"x\"}}");
    assertThat(e.userId()).isEqualTo("alice");
    assertThat(e.userDisplayName()).isEqualTo("alice");
    assertThat(e.imageUrl()).isNull();
  }

  @Test
  void noFieldsMeansTheKeyIdAndNoPicture() {
    AuthEntity e = entity(null, "{\"name\":\"Alice A\",\"picture\":\"https://a/i\"}");
    assertThat(e.userId()).isEqualTo("alice");
    assertThat(e.userDisplayName()).isEqualTo("alice");
    assertThat(e.imageUrl()).isNull();
  }

  @Test
  void malformedPointersFailWhenTheSiteIsDefined() {
    assertThatThrownBy(() -> new ProfileFields("name", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProfileFields(null, "", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
