package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.Html;
import org.oauthdropins.engine.oauth1.OAuth1;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Flickr with OAuth 1.0a: {@code /services/oauth/request_token}, {@code
 * /services/oauth/authorize} (with {@code perms} read, write or delete) and {@code
 * /services/oauth/authenticate}, {@code /services/oauth/access_token} (answering {@code user_nsid},
 * {@code username} and {@code fullname} too), the signed REST API {@code /services/rest} ({@code
 * flickr.people.getInfo}, {@code flickr.test.login}; failures are HTTP 200 with {@code stat=fail},
 * as at Flickr) and {@code /services/upload} (multipart, XML answer, needs write permission).
 *
 * <p>Deny does what Flickr's "No thanks" does: it sends the browser to Flickr's home page ({@code
 * /}) and never to the app's callback. Unlike flickr.com, the fake's home page then offers a link
 * back to the app (the registered callback, untouched), standing for the user finding their own way
 * back; the library treats that return without a verifier as a decline.
 */
public final class FakeFlickr extends OAuth1Fake {

  /** A received upload: the arguments it was signed with and the photo's size. */
  public record Upload(Map<String, String> args, int bodyBytes) {}

  private static final String BACK_COOKIE = "fakeflickr_back";

  private final AtomicReference<Upload> lastUpload = new AtomicReference<>();

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeFlickr() {
    super("flickr");
    JsonNode person =
        Json.parse(
            "{\"person\":{\"id\":\"21207597@N07\",\"nsid\":\"21207597@N07\",\"ispro\":0,"
                + "\"iconserver\":\"5604\",\"iconfarm\":6,"
                + "\"username\":{\"_content\":\"jamalfanaian\"},"
                + "\"realname\":{\"_content\":\"Jamal Fanaian\"},"
                + "\"profileurl\":{\"_content\":\"https://www.flickr.com/people/jamalfanaian/\"}},"
                + "\"stat\":\"ok\"}");
    mount(
        new FakeOAuth1.Config(
            "Flickr",
            "/services/oauth/request_token",
            List.of("/services/oauth/authorize", "/services/oauth/authenticate"),
            "/services/oauth/access_token",
            (callback, token) ->
                FakeResponse.redirect("/")
                    .header(
                        "Set-Cookie",
                        BACK_COOKIE + "=" + OAuth1.encode(callback) + "; Path=/; HttpOnly"),
            params ->
                params.containsKey("perms")
                        && !List.of("read", "write", "delete").contains(params.get("perms"))
                    ? "Invalid perms"
                    : null,
            u -> {
              Map<String, String> m = new LinkedHashMap<>();
              m.put("fullname", Json.text(u, "person", "realname", "_content"));
              m.put("user_nsid", Json.text(u, "person", "nsid"));
              m.put("username", Json.text(u, "person", "username", "_content"));
              return m;
            },
            "72157626318069415-"),
        person);
    server.route("/", this::home);
    server.route("/services/rest", this::rest);
    server.route("/services/upload", this::upload);
  }

  /** The last upload received, or null. */
  public Upload lastUpload() {
    return lastUpload.get();
  }

  private FakeResponse home(FakeRequest r) {
    String back = TestApp.cookies(r.header("cookie")).get(BACK_COOKIE);
    StringBuilder b =
        new StringBuilder(
            "<!doctype html><html><head><title>Flickr (fake)</title></head><body>"
                + "<h1>Flickr sandbox home</h1><p>Find your inspiration.</p>");
    if (back != null) {
      String url = OAuth1.decode(back);
      if (url.startsWith("http://") || url.startsWith("https://")) {
        b.append("<p><a id=\"back\" href=\"")
            .append(Html.escape(url))
            .append("\">Back to the app</a></p>");
      }
    }
    return FakeResponse.html(b.append("</body></html>").toString());
  }

  private static FakeResponse fail(int code, String message) {
    return FakeResponse.json(200, Map.of("stat", "fail", "code", code, "message", message));
  }

  /** Flickr's error code and message for an OAuth problem. */
  private static Map.Entry<Integer, String> error(String problem) {
    return switch (problem) {
      case "signature_invalid" -> Map.entry(96, "Invalid signature");
      case "parameter_absent" -> Map.entry(97, "Missing signature");
      case "consumer_key_unknown" -> Map.entry(100, "Invalid API Key (Key not found)");
      default -> Map.entry(98, "Invalid auth token");
    };
  }

  private FakeResponse rest(FakeRequest r) {
    if (!"json".equals(r.param("format").orElse(null))
        || !"1".equals(r.param("nojsoncallback").orElse(null))) {
      return fail(111, "Format not found");
    }
    FakeOAuth1.Check check = oauth().verify(r);
    if (!check.ok()) {
      var e = error(check.problem());
      return fail(e.getKey(), e.getValue());
    }
    JsonNode person = check.grant().user().path("person");
    String nsid = Json.text(person, "nsid");
    return switch (r.param("method").orElse("")) {
      case "flickr.people.getInfo" ->
          nsid.equals(r.param("user_id").orElse(null))
              ? FakeResponse.json(200, check.grant().user())
              : fail(1, "User not found");
      case "flickr.test.login" ->
          FakeResponse.json(
              200,
              Map.of(
                  "user", Map.of("id", nsid, "username", person.path("username")), "stat", "ok"));
      default -> fail(112, "Method \"" + r.param("method").orElse("") + "\" not found");
    };
  }

  private static FakeResponse xmlFail(int code, String message) {
    return new FakeResponse(
        200,
        "text/xml; charset=utf-8",
        "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"fail\">\n\t<err code=\""
            + code
            + "\" msg=\""
            + Html.escape(message)
            + "\" />\n</rsp>\n",
        List.of());
  }

  private FakeResponse upload(FakeRequest r) {
    if (!r.method().equals("POST")) {
      return xmlFail(4, "Filesize was zero");
    }
    FakeOAuth1.Check check = oauth().verify(r);
    if (!check.ok()) {
      var e = error(check.problem());
      return xmlFail(e.getKey(), e.getValue());
    }
    String perms = check.grant().authorizeParams().getOrDefault("perms", "read");
    if (perms.equals("read")) {
      return xmlFail(
          99, "Insufficient permissions. Method requires write privileges; read granted.");
    }
    String type = r.header("content-type");
    if (type == null
        || !type.startsWith("multipart/form-data")
        || !r.body().contains("name=\"photo\"")) {
      return xmlFail(2, "No photo specified");
    }
    Map<String, String> args = new LinkedHashMap<>();
    OAuth1.formDecode(r.uri().getRawQuery()).forEach(p -> args.putIfAbsent(p.name(), p.value()));
    lastUpload.set(new Upload(Map.copyOf(args), r.body().length()));
    return new FakeResponse(
        200,
        "text/xml; charset=utf-8",
        "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n<photoid>52345678901"
            + "</photoid>\n</rsp>\n",
        List.of());
  }
}
