package org.oauthdropins.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;

/** The nonce dance of RFC 9449 §8-9, in every form servers use. */
class DpopTransportTest {

  private final List<HttpCall> sent = new ArrayList<>();

  private static HttpResult answer(int status, String body, Map<String, List<String>> headers) {
    return new HttpResult(
        status,
        URI.create("https://as.example/token"),
        headers,
        body.getBytes(StandardCharsets.UTF_8));
  }

  private DpopTransport transport(List<HttpResult> answers) {
    return new DpopTransport(
        call -> {
          sent.add(call);
          return answers.get(sent.size() - 1);
        },
        DpopKey.generate(),
        new DpopNonces(),
        Clock.systemUTC());
  }

  private static Object claim(HttpCall call, String name) throws Exception {
    return SignedJWT.parse(call.firstHeader("DPoP")).getJWTClaimsSet().getClaim(name);
  }

  @Test
  void authServer400JsonNonceErrorIsRetriedOnceWithTheNonce() throws Exception {
    DpopTransport t =
        transport(
            List.of(
                answer(400, "{\"error\":\"use_dpop_nonce\"}", Map.of("dpop-nonce", List.of("n1"))),
                answer(200, "{}", Map.of("dpop-nonce", List.of("n2"))),
                answer(200, "{}", Map.of())));
    HttpCall call = HttpCall.postForm(URI.create("https://as.example/token"), Map.of("a", "b"));
    assertThat(t.send(call).status()).isEqualTo(200);
    assertThat(sent).hasSize(2);
    assertThat(claim(sent.get(0), "nonce")).isNull();
    assertThat(claim(sent.get(1), "nonce")).isEqualTo("n1");
    assertThat(claim(sent.get(1), "jti")).isNotEqualTo(claim(sent.get(0), "jti"));
    // The latest nonce is used from the start next time.
    t.send(call);
    assertThat(claim(sent.get(2), "nonce")).isEqualTo("n2");
  }

  @Test
  void authServer401JsonNonceErrorIsRetriedToo() {
    DpopTransport t =
        transport(
            List.of(
                answer(401, "{\"error\":\"use_dpop_nonce\"}", Map.of("dpop-nonce", List.of("n1"))),
                answer(201, "{}", Map.of())));
    assertThat(send(t, HttpCall.postForm(URI.create("https://as.example/par"), Map.of())).status())
        .isEqualTo(201);
    assertThat(sent).hasSize(2);
  }

  @Test
  void resourceServerChallengeIsRetriedWithAth() throws Exception {
    DpopTransport t =
        transport(
            List.of(
                answer(
                    401,
                    "",
                    Map.of(
                        "www-authenticate",
                        List.of("DPoP error=\"use_dpop_nonce\", error_description=\"x\""),
                        "dpop-nonce",
                        List.of("rs1"))),
                answer(200, "{}", Map.of())));
    HttpCall call =
        HttpCall.get(URI.create("https://pds.example/xrpc/x?y=1"))
            .header("Authorization", "DPoP tok");
    assertThat(t.send(call).status()).isEqualTo(200);
    assertThat(claim(sent.get(1), "nonce")).isEqualTo("rs1");
    assertThat(claim(sent.get(1), "ath")).isEqualTo(DpopKey.ath("tok"));
    assertThat(claim(sent.get(1), "htu")).isEqualTo("https://pds.example/xrpc/x");
  }

  @Test
  void aServerThatKeepsRefusingIsNotRetriedForever() {
    HttpResult refuse =
        answer(400, "{\"error\":\"use_dpop_nonce\"}", Map.of("dpop-nonce", List.of("same")));
    DpopTransport t = transport(List.of(refuse, refuse, refuse));
    assertThat(send(t, HttpCall.get(URI.create("https://as.example/token"))).status())
        .isEqualTo(400);
    assertThat(sent).hasSize(2);
  }

  @Test
  void otherErrorsAreNotRetried() {
    DpopTransport t =
        transport(
            List.of(
                answer(400, "{\"error\":\"invalid_grant\"}", Map.of("dpop-nonce", List.of("n")))));
    assertThat(send(t, HttpCall.get(URI.create("https://as.example/token"))).status())
        .isEqualTo(400);
    assertThat(sent).hasSize(1);
  }

  private static HttpResult send(DpopTransport t, HttpCall call) {
    try {
      return t.send(call);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
