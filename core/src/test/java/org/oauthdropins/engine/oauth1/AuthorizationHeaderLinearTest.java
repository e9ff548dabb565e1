package org.oauthdropins.engine.oauth1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OAuth1#parseAuthorization} reads a header another party wrote (a server verifying signed
 * requests, the testkit's fakes): a malformed one is refused in time linear in its length. The
 * bound is generous; it separates linear (milliseconds) from the quadratic scan that {@code
 * find(at)} made of every position (seconds for 16 KB, hours for a megabyte).
 */
class AuthorizationHeaderLinearTest {

  private static final int MB = 1 << 20;

  @ParameterizedTest
  @ValueSource(strings = {"", "oauth_token=\"t\", ", "a=\"1\",b=\"2\" ,", "realm=\"x\",\t"})
  void aMegabyteOfMalformedItemsIsRefusedInLinearTime(String prefix) {
    for (String tail :
        new String[] {"a".repeat(MB), " ".repeat(MB) + "x", "a=\"" + "b".repeat(MB)}) {
      String header = "OAuth " + prefix + tail;
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () ->
              assertThatThrownBy(() -> OAuth1.parseAuthorization(header))
                  .isInstanceOf(IllegalArgumentException.class));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1000, 100_000})
  void manyWellFormedItemsAreReadInLinearTime(int n) {
    StringBuilder b = new StringBuilder("OAuth ");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ", ").append("k").append(i).append("=\"v").append(i).append('"');
    }
    String header = b.toString();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> assertThat(OAuth1.parseAuthorization(header)).hasSize(n).containsEntry("k0", "v0"));
  }
}
