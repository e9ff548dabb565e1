package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Tumblr with OAuth 1.0a: {@code /oauth/request_token}, {@code /oauth/authorize} (consent
 * form; Deny calls the callback back without a token or verifier, as Tumblr does), {@code
 * /oauth/access_token}, and the signed API call {@code /v2/user/info} in Tumblr's {@code
 * {"meta":...,"response":...}} envelope. A user's primary blog has Tumblr's stable {@code uuid}
 * ("Blog Unique Identifiers" in tumblr.com/docs/en/api/v2) and a name, which is the user's name and
 * can be renamed ({@link #signInAs}).
 */
public final class FakeTumblr extends OAuth1Fake implements RenamableFake {

  /** The uuid of the fake user's primary blog. */
  public static final String PRIMARY_BLOG_UUID = "t:0aY0xL2Fi1OFJg4YxpmegQ";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeTumblr() {
    super("tumblr");
    mount(
        new FakeOAuth1.Config(
            "Tumblr",
            "/oauth/request_token",
            List.of("/oauth/authorize"),
            "/oauth/access_token",
            (callback, token) -> FakeResponse.redirect(callback),
            null,
            u -> Map.of(),
            ""),
        Json.parse(
            "{\"user\":{\"name\":\"derekg\",\"likes\":25,\"following\":3,"
                + "\"default_post_format\":\"html\",\"blogs\":[{\"name\":\"derekg\","
                + "\"uuid\":\""
                + PRIMARY_BLOG_UUID
                + "\","
                + "\"title\":\"Derek Gottfrid\",\"url\":\"https://derekg.tumblr.com/\","
                + "\"primary\":true,\"avatar\":[{\"width\":512,\"height\":512,"
                + "\"url\":\"https://64.media.tumblr.com/avatar_derekg_512.png\"},"
                + "{\"width\":128,\"height\":128,"
                + "\"url\":\"https://64.media.tumblr.com/avatar_derekg_128.png\"}]}]}}"));
    server.route("/v2/user/info", this::userInfo);
  }

  @Override
  public void signInAs(String accountId, String name) {
    ObjectNode user = oauth().user().deepCopy();
    ObjectNode inner = (ObjectNode) user.get("user");
    inner.put("name", name);
    ObjectNode primary = (ObjectNode) inner.path("blogs").get(0);
    primary.put("name", name);
    primary.put("uuid", accountId);
    primary.put("url", "https://" + name + ".tumblr.com/");
    oauth().user(user);
  }

  private FakeResponse userInfo(FakeRequest r) {
    FakeOAuth1.Check check = oauth().verify(r);
    if (!check.ok()) {
      return envelope(401, "Unauthorized", Json.array());
    }
    return envelope(200, "OK", check.grant().user());
  }

  private static FakeResponse envelope(int status, String msg, Object response) {
    ObjectNode body = Json.object();
    body.set("meta", Json.tree(Map.of("status", status, "msg", msg)));
    body.set("response", Json.tree(response));
    return FakeResponse.json(status, body);
  }
}
