package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.oauthdropins.Credentials;
import org.oauthdropins.http.Json;

/**
 * A fake Tumblr with OAuth 1.0a: {@code /oauth/request_token}, {@code /oauth/authorize} (consent
 * form; Deny calls the callback back without a token or verifier, as Tumblr does), {@code
 * /oauth/access_token}, and the signed API call {@code /v2/user/info} in Tumblr's {@code
 * {"meta":...,"response":...}} envelope.
 */
public final class FakeTumblr implements Fake {

  private final FakeServer server = new FakeServer();
  private final Credentials credentials = new Credentials("fake-tumblr-key", "fake-tumblr-secret");
  private final FakeOAuth1 oauth;

  public FakeTumblr() {
    oauth =
        new FakeOAuth1(
            server,
            new FakeOAuth1.Config(
                "Tumblr",
                "/oauth/request_token",
                List.of("/oauth/authorize"),
                "/oauth/access_token",
                (callback, token) -> FakeResponse.redirect(callback),
                null,
                u -> Map.of(),
                ""),
            credentials,
            Json.parse(
                "{\"user\":{\"name\":\"derekg\",\"likes\":25,\"following\":3,"
                    + "\"default_post_format\":\"html\",\"blogs\":[{\"name\":\"derekg\","
                    + "\"title\":\"Derek Gottfrid\",\"url\":\"https://derekg.tumblr.com/\","
                    + "\"primary\":true,\"avatar\":[{\"width\":512,\"height\":512,"
                    + "\"url\":\"https://64.media.tumblr.com/avatar_derekg_512.png\"},"
                    + "{\"width\":128,\"height\":128,"
                    + "\"url\":\"https://64.media.tumblr.com/avatar_derekg_128.png\"}]}]}}"));
    server.route("/v2/user/info", this::userInfo);
  }

  @Override
  public String name() {
    return "tumblr";
  }

  @Override
  public URI url() {
    return server.url();
  }

  @Override
  public Credentials credentials() {
    return credentials;
  }

  /** The OAuth server, to change the user, inject failures or inspect grants. */
  public FakeOAuth1 oauth() {
    return oauth;
  }

  private FakeResponse userInfo(FakeRequest r) {
    FakeOAuth1.Check check = oauth.verify(r);
    if (!check.ok()) {
      return envelope(401, "Unauthorized", Json.MAPPER.createArrayNode());
    }
    return envelope(200, "OK", check.grant().user());
  }

  private static FakeResponse envelope(int status, String msg, Object response) {
    ObjectNode body = Json.object();
    body.set("meta", Json.MAPPER.valueToTree(Map.of("status", status, "msg", msg)));
    body.set("response", Json.MAPPER.valueToTree(response));
    return FakeResponse.json(status, body);
  }

  @Override
  public void close() {
    server.close();
  }
}
