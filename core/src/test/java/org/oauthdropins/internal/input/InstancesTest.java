package org.oauthdropins.internal.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.oauthdropins.errors.BadRequestException;

/** Every way a user names an instance comes down to one origin. */
class InstancesTest {

  @ParameterizedTest
  @CsvSource({
    "mastodon.social, https://mastodon.social",
    "Mastodon.Social, https://mastodon.social",
    "https://mastodon.social, https://mastodon.social",
    "https://mastodon.social/, https://mastodon.social",
    "@alice@mastodon.social, https://mastodon.social",
    "alice@mastodon.social, https://mastodon.social",
    "https://alice@mas.to/, https://mas.to",
    // A handle inside the URL, as the Python library reads it (issue 28): the host only.
    "https://@alice@mas.to, https://mas.to",
    "https://@alice@mas.to:8443/, https://mas.to:8443",
    "https://mas.to/@alice, https://mas.to",
    "https://mas.to/@alice/, https://mas.to",
    "https://mastodon.social:443/, https://mastodon.social",
    "https://social.example:8443, https://social.example:8443"
  })
  void normalizes(String input, String origin) {
    assertThat(Instances.origin(input, false)).isEqualTo(origin);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://mastodon.social",
        "https://mastodon.social/@alice/123",
        // Two hosts, or a password: which one is meant is a guess, so neither is taken.
        "https://alice@mas.to@evil.example",
        "https://mas.to/@bob@other.example",
        "https://alice:secret@mas.to",
        "https://@@mas.to",
        "https://mastodon.social/?x=1",
        "ftp://mastodon.social",
        "not a host",
        ""
      })
  void refuses(String input) {
    assertThatThrownBy(() -> Instances.origin(input, false))
        .isInstanceOf(BadRequestException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:3000", "http://127.0.0.1:3000/"})
  void plainHttpOnlyWhenOptedIn(String input) {
    assertThat(Instances.origin(input, true)).isEqualTo("http://127.0.0.1:3000");
  }
}
