package org.oauthdropins.engine.oauth1;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.util.List;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.fuzz.Fuzz;
import org.oauthdropins.fuzz.Input;

/**
 * OAuth 1 answers: the temporary-credential response (read by the same code as the access-token
 * response) and the Authorization header the fakes and signers read.
 */
class OAuth1FuzzTest {

  private static final URI BASE = URI.create("https://provider.example");

  /** Input: status byte, content-type byte, the request-token response body. */
  @FuzzTest
  void tokenResponse(byte[] data) {
    Input in = new Input(data);
    int status = in.status();
    String type = Fuzz.contentType(in.pick());
    String body = in.rest();
    OAuth1Site<OAuth1Auth> site =
        OAuth1Site.builder("fuzz", "FuzzAuth")
            .button(Button.of("Fuzz", "#000000", "#ffffff"))
            .credentials(new Credentials("consumer", "consumer-secret"))
            .transport(Fuzz.answering(call -> Fuzz.result(status, call.uri(), type, body)))
            .requestTokenUrl("POST", BASE.resolve("/request_token"))
            .accessTokenUrl("POST", BASE.resolve("/access_token"))
            .authorizeUrl(BASE.resolve("/authorize"))
            .profile((api, access) -> JsonNodeFactory.instance.objectNode())
            .keyId((user, access) -> "id")
            .build();
    AuthorizeRequest request =
        new AuthorizeRequest(
            null,
            URI.create("https://app.example"),
            URI.create("https://app.example/fuzz/oauth_callback"),
            "state",
            List.of(),
            null);
    Fuzz.refusesOnly(() -> site.authorize(request));
  }

  /** A pure parser: its documented refusal is {@link IllegalArgumentException}. */
  @FuzzTest
  void authorizationHeader(byte[] data) {
    String header = new Input(data).rest();
    Fuzz.refusesOnly(() -> OAuth1.parseAuthorization(header), IllegalArgumentException.class);
    Fuzz.refusesOnly(() -> OAuth1.formDecode(header), IllegalArgumentException.class);
  }
}
