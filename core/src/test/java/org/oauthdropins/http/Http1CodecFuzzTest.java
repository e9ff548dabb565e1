package org.oauthdropins.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.oauthdropins.fuzz.Fuzz;
import org.oauthdropins.fuzz.Input;

/**
 * The guard's HTTP/1.1 reader on raw bytes, without a socket in between: many more inputs per
 * second than {@link GuardedTransportFuzzTest}, which goes through a real server and redirects. It
 * refuses with {@link IOException} and nothing else, and no body exceeds the limit.
 */
class Http1CodecFuzzTest {

  private static final int MAX_BODY = 4096;
  private static final Http1Codec CODEC = new Http1Codec(Limits.DEFAULT.withMaxBodyBytes(MAX_BODY));

  /** Input: a method byte, then the server's bytes. */
  @FuzzTest
  void read(byte[] data) {
    Input in = new Input(data);
    String method = in.pick("GET", "POST", "HEAD");
    HttpCall call = new HttpCall(method, URI.create("https://server.example/x"), List.of(), null);
    byte[] answer = in.restBytes();
    Fuzz.refusesOnly(
        () -> {
          HttpResult r = CODEC.readResponse(call, new ByteArrayInputStream(answer));
          if (r.body().length > MAX_BODY) {
            throw new AssertionError("body above the size limit: " + r.body().length);
          }
        },
        IOException.class);
  }
}
