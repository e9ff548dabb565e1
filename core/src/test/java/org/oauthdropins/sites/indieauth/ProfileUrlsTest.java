package org.oauthdropins.sites.indieauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.oauthdropins.errors.BadRequestException;

/** IndieAuth §3.2 and §3.4, with the spec's own valid and invalid examples. */
class ProfileUrlsTest {

  @ParameterizedTest
  @CsvSource({
    "https://example.com/, https://example.com/",
    "https://example.com/username, https://example.com/username",
    "https://example.com/users?id=100, https://example.com/users?id=100",
    "https://example.com, https://example.com/",
    "HTTPS://Example.COM/Alice, https://example.com/Alice",
    // A bare host gets https, not the spec's http: the guard fetches only https.
    "example.com, https://example.com/",
    "  www.example.com  , https://www.example.com/"
  })
  void canonicalizes(String input, String expected) {
    assertThat(ProfileUrls.canonical(input, false).toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mailto:user@example.com",
        "https://example.com/foo/../bar",
        "https://example.com/./bar",
        "https://example.com/#me",
        "https://user:pass@example.com/",
        "https://example.com:8443/",
        "https://172.28.92.51/",
        "https://[2001:db8::1]/",
        "ftp://example.com/",
        ""
      })
  void refusesWhatTheSpecForbids(String input) {
    assertThatThrownBy(() -> ProfileUrls.canonical(input, false))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void loopbackWithAPortOnlyWhenOptedIn() {
    assertThat(ProfileUrls.canonical("http://127.0.0.1:8080/alice", true).toString())
        .isEqualTo("http://127.0.0.1:8080/alice");
    assertThat(ProfileUrls.canonical("http://localhost:8080", true).toString())
        .isEqualTo("http://localhost:8080/");
    assertThatThrownBy(() -> ProfileUrls.canonical("http://127.0.0.1:8080/", false))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> ProfileUrls.canonical("https://example.com:8443/", true))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void returnedUrlsMustBeProfileUrlsToo() {
    assertThat(ProfileUrls.returned("https://example.com/", false).toString())
        .isEqualTo("https://example.com/");
    assertThatThrownBy(() -> ProfileUrls.returned("https://10.0.0.1/", false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
