package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth1.OAuth1Signer;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.internal.http.Form;

/** The fake OAuth 1 server refuses what a real one refuses. */
class FakeOAuth1Test {

  private final FakeTwitter twitter = new FakeTwitter();
  private final OAuth1Signer signer = new OAuth1Signer(twitter.credentials(), Clock.systemUTC());
  private final Map<String, String> callback =
      Map.of("oauth_callback", "http://127.0.0.1:9/cb?state=s");

  FakeOAuth1Test() {
    twitter.registerRedirectUri(URI.create("http://127.0.0.1:9/cb"));
  }

  @AfterEach
  void tearDown() {
    twitter.close();
  }

  private URI requestToken() {
    return URI.create(twitter.url() + "/oauth/request_token");
  }

  private HttpResult send(HttpCall call) throws Exception {
    return JdkTransport.shared().send(call);
  }

  private HttpCall post(URI uri) {
    return new HttpCall("POST", uri, java.util.List.of(), null);
  }

  @Test
  void aGoodRequestGetsATemporaryToken() throws Exception {
    HttpResult r = send(signer.sign(post(requestToken()), null, null, callback));
    assertThat(r.status()).isEqualTo(200);
    assertThat(Form.decode(r.text()))
        .containsEntry("oauth_callback_confirmed", "true")
        .containsKeys("oauth_token", "oauth_token_secret");
  }

  @Test
  void anUnregisteredCallbackIsRefused() throws Exception {
    for (String other :
        new String[] {
          "http://127.0.0.1:9/cb/other", "http://evil.example/cb", "http://127.0.0.1:10/cb"
        }) {
      HttpResult r =
          send(signer.sign(post(requestToken()), null, null, Map.of("oauth_callback", other)));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.text()).isEqualTo("oauth_problem=parameter_rejected");
    }
  }

  @Test
  void aReusedNonceIsRefused() throws Exception {
    long now = Instant.now().getEpochSecond();
    HttpCall call = post(requestToken());
    assertThat(send(signer.sign(call, null, null, callback, "n0nce", now)).status()).isEqualTo(200);
    HttpResult again = send(signer.sign(call, null, null, callback, "n0nce", now));
    assertThat(again.status()).isEqualTo(401);
    assertThat(again.text()).isEqualTo("oauth_problem=nonce_used");
  }

  @Test
  void aStaleTimestampIsRefused() throws Exception {
    long stale = Instant.now().getEpochSecond() - 3600;
    HttpResult r = send(signer.sign(post(requestToken()), null, null, callback, "n1", stale));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.text()).isEqualTo("oauth_problem=timestamp_refused");
  }

  @Test
  void aWrongSignatureIsRefused() throws Exception {
    OAuth1Signer wrong =
        new OAuth1Signer(new Credentials("fake-twitter-key", "wrong"), Clock.systemUTC());
    HttpResult r = send(wrong.sign(post(requestToken()), null, null, callback));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.text()).isEqualTo("oauth_problem=signature_invalid");
  }

  @Test
  void aRequestChangedAfterSigningIsRefused() throws Exception {
    HttpCall signed =
        signer.sign(
            post(URI.create(requestToken() + "?x_auth_access_type=read")), null, null, callback);
    HttpResult r = send(signed.withUri(URI.create(requestToken() + "?x_auth_access_type=write")));
    assertThat(r.text()).isEqualTo("oauth_problem=signature_invalid");
  }

  @Test
  void unknownConsumerMissingCallbackAndUnsignedRequestsAreRefused() throws Exception {
    OAuth1Signer stranger = new OAuth1Signer(new Credentials("who", "x"), Clock.systemUTC());
    assertThat(send(stranger.sign(post(requestToken()), null, null, callback)).text())
        .isEqualTo("oauth_problem=consumer_key_unknown");
    HttpResult noCallback = send(signer.sign(post(requestToken()), null, null, Map.of()));
    assertThat(noCallback.status()).isEqualTo(400);
    assertThat(noCallback.text()).isEqualTo("oauth_problem=parameter_absent");
    HttpResult badCallback =
        send(signer.sign(post(requestToken()), null, null, Map.of("oauth_callback", "/relative")));
    assertThat(badCallback.text()).isEqualTo("oauth_problem=parameter_rejected");
    assertThat(send(post(requestToken())).text()).isEqualTo("oauth_problem=parameter_absent");
  }

  @Test
  void apiCallsNeedAnIssuedTokenAndItsSecret() throws Exception {
    URI verify = URI.create(twitter.url() + "/1.1/account/verify_credentials.json");
    HttpResult r = send(signer.sign(HttpCall.get(verify), "made-up", "secret", Map.of()));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.text()).contains("Could not authenticate you.");
  }

  @Test
  void anAccessTokenRequestNeedsTheApprovedVerifierAndIsSingleUse() throws Exception {
    HttpResult temp = send(signer.sign(post(requestToken()), null, null, callback));
    Map<String, String> t = Form.decode(temp.text());
    // Not approved yet: refused, and the temporary token is spent.
    HttpCall exchange = post(URI.create(twitter.url() + "/oauth/access_token"));
    Map<String, String> guess = Map.of("oauth_verifier", "guess");
    HttpResult early =
        send(signer.sign(exchange, t.get("oauth_token"), t.get("oauth_token_secret"), guess));
    assertThat(early.text()).isEqualTo("oauth_problem=permission_denied");
    HttpResult again =
        send(signer.sign(exchange, t.get("oauth_token"), t.get("oauth_token_secret"), guess));
    assertThat(again.text()).isEqualTo("oauth_problem=token_rejected");
  }
}
