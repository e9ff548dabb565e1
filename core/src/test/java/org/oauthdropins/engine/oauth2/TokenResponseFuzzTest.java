package org.oauthdropins.engine.oauth2;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import org.oauthdropins.fuzz.Fuzz;
import org.oauthdropins.fuzz.Input;

/** Token endpoint answers, JSON or form, from any provider: refused with a 502, never a crash. */
class TokenResponseFuzzTest {

  private static final URI TOKEN = URI.create("https://provider.example/token");

  /** Input: status byte, content-type byte, body. */
  @FuzzTest
  void parse(byte[] data) {
    Input in = new Input(data);
    int status = in.status();
    String type = Fuzz.contentType(in.pick());
    String body = in.rest();
    Fuzz.refusesOnly(() -> TokenResponse.parse("fuzz", Fuzz.result(status, TOKEN, type, body)));
  }
}
