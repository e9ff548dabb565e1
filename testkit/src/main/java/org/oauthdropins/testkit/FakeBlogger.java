package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Blogger: {@link FakeGoogle}'s sign-in plus the Blogger v3 {@code
 * /blogger/v3/users/self/blogs} on the same server. It answers 401 without a valid Bearer token,
 * 403 when the token lacks the Blogger scope, a {@code blogger#blogList} (without {@code items}
 * when there are none) otherwise, or 404 for an account that has never used Blogger.
 */
public final class FakeBlogger extends FakeGoogle {

  static final String SCOPE = "https://www.googleapis.com/auth/blogger";

  private final AtomicReference<List<Map<String, String>>> blogs =
      new AtomicReference<>(
          List.of(
              Map.of(
                  "id", "2399953",
                  "name", "Blogger Buzz",
                  "url", "http://buzz.blogger.com/"),
              Map.of(
                  "id", "8070105920543249955",
                  "name", "Ada's notes",
                  "url", "https://ada-notes.blogspot.com/")));
  private final AtomicBoolean noProfile = new AtomicBoolean();
  private final AtomicReference<FakeResponse> nextBlogsAnswer = new AtomicReference<>();

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeBlogger() {
    super("blogger");
    server().route("/blogger/v3/users/self/blogs", this::blogs);
  }

  /** Replaces the user's blogs: each has {@code id}, {@code name} and {@code url}. */
  public void blogs(List<Map<String, String>> list) {
    blogs.set(List.copyOf(list));
  }

  /** Makes the account one that has never used Blogger (the blog list answers 404). */
  public void noBloggerProfile() {
    noProfile.set(true);
  }

  /** Makes the next blog list request get this answer instead, as a failing Blogger would give. */
  public void failNextBlogs(FakeResponse answer) {
    nextBlogsAnswer.set(answer);
  }

  private FakeResponse blogs(FakeRequest r) {
    FakeResponse injected = nextBlogsAnswer.getAndSet(null);
    if (injected != null) {
      return injected;
    }
    String token = r.bearer();
    if (oauth().user(token).isEmpty()) {
      return googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
          .header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
    }
    String scope = oauth().scope(token).orElse("");
    if (!List.of(scope.split(" ")).contains(SCOPE)) {
      return googleError(
          403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.");
    }
    if (noProfile.get()) {
      return googleError(404, "NOT_FOUND", "User not found.");
    }
    ObjectNode body = Json.object();
    body.put("kind", "blogger#blogList");
    List<Map<String, String>> list = blogs.get();
    if (!list.isEmpty()) {
      ArrayNode items = body.putArray("items");
      for (Map<String, String> b : list) {
        ObjectNode item = items.addObject();
        item.put("kind", "blogger#blog");
        item.put("id", b.get("id"));
        item.put("name", b.get("name"));
        item.put("description", "");
        item.put("url", b.get("url"));
        item.put("selfLink", url() + "/blogger/v3/blogs/" + b.get("id"));
      }
    }
    return FakeResponse.json(200, body);
  }

  private static FakeResponse googleError(int code, String status, String message) {
    return FakeResponse.json(
        code, Map.of("error", Map.of("code", code, "message", message, "status", status)));
  }
}
