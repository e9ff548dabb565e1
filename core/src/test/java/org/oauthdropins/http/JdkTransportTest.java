package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The default transport's bounds (issue 14, finding 10). */
class JdkTransportTest {

  @Test
  void theTimeLimitBoundsTheWholeExchangeIncludingABodyThatTricklesForever() throws IOException {
    // Headers at once, then one byte every 50 ms for 20 s: each read is quick, the body never ends.
    try (SlowServer slow = new SlowServer(50, 20_000)) {
      JdkTransport t =
          new JdkTransport(
              new Limits(Duration.ofSeconds(1), Duration.ofMillis(500), 1 << 20, "test-agent"));
      long began = System.nanoTime();
      assertThatThrownBy(() -> t.send(HttpCall.get(slow.url("/")))).isInstanceOf(IOException.class);
      // Generous: the limit is 0.5 s; without a bound on the body this takes the server's 20 s.
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(8));
    }
  }
}
