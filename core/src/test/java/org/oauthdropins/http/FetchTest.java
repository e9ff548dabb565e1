package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The steps core lends a transport on another HTTP client: the size cap and the request checks. */
class FetchTest {

  /** A body of {@code n} bytes that counts how many were read from it. */
  private static InputStream body(int n, AtomicLong read) {
    return new ByteArrayInputStream(new byte[n]) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        int got = super.read(b, off, len);
        read.addAndGet(Math.max(0, got));
        return got;
      }
    };
  }

  @Test
  void aDeclaredLengthOverTheCapIsRefusedBeforeReadingAByte() {
    AtomicLong read = new AtomicLong();
    assertThatThrownBy(() -> Fetch.readCapped(body(5000, read), 5000, 4096))
        .hasMessage("response body larger than 4096 bytes");
    assertThat(read).hasValue(0);
  }

  @Test
  void aBodyOfUnknownLengthIsRefusedOneBytePastTheCap() {
    AtomicLong read = new AtomicLong();
    assertThatThrownBy(() -> Fetch.readCapped(body(1 << 20, read), -1, 4096))
        .hasMessage("response body larger than 4096 bytes");
    assertThat(read).hasValue(4097);
  }

  @Test
  void bodiesWithinTheCapAreReadWhole() throws IOException {
    AtomicLong read = new AtomicLong();
    assertThat(Fetch.readCapped(body(4096, read), 4096, 4096)).hasSize(4096);
    assertThat(Fetch.readCapped(body(4096, read), -1, 4096)).hasSize(4096);
    assertThat(Fetch.readCapped(null, 0, 4096)).isEmpty();
  }

  @Test
  void aBodyShorterThanItsDeclaredLengthIsAnError() {
    assertThatThrownBy(() -> Fetch.readCapped(body(10, new AtomicLong()), 20, 4096))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("closed before the end of the body");
  }

  @Test
  void aCallThatWouldSmuggleAHeaderOrARequestIsRefused() {
    HttpCall get = HttpCall.get(URI.create("https://example.com/"));
    Fetch.check(get.header("Accept", "application/json"));
    assertThatThrownBy(() -> Fetch.check(get.header("X-Test", "a\r\nEvil: yes")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fetch.check(get.header("Bad Name", "v")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Fetch.check(new HttpCall("GET /x HTTP/1.1", get.uri(), get.headers(), null)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
