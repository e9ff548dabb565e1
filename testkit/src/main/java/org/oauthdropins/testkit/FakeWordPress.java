package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake WordPress.com: {@code /oauth2/authorize} (consent form; the user's blog is preset with
 * {@link #chooseBlog}), {@code /oauth2/token} (client secret in the body; the answer names the blog
 * in {@code blog_id} and {@code blog_url}; no expiry, no refresh token), and {@code /rest/v1/me}
 * for a valid Bearer token, refusing others with WordPress's 403. For {@link RenamableFake}, the
 * account is the blog: its id stays and its address can move ({@link #signInAs}).
 */
public final class FakeWordPress extends OAuth2Fake implements RenamableFake {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeWordPress() {
    super("wordpress_rest", config(), user());
    chooseBlog("12345678", "https://www.snarfed.example/");
    server().route("/rest/v1/me", this::me);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("ID", 7654321);
    user.put("display_name", "Ryan Barrett");
    user.put("username", "snarfed");
    user.put("primary_blog", 12345678);
    user.put("avatar_URL", "https://0.gravatar.com/avatar/947b5f3f323da0ef785b6f02d9c265d6?s=96");
    user.put("profile_URL", "https://gravatar.com/snarfed");
    return user;
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "WordPress.com",
        "/oauth2/authorize",
        "/oauth2/token",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of(
            "error", "access_denied",
            "error_description", "You need to log in to WordPress.com"),
        "wp_",
        null,
        false,
        false);
  }

  /**
   * The blog the user picks on the consent page from now on.
   *
   * @param id its id, or null to send none
   * @param url its URL as WordPress.com sends it, or null to send none
   */
  public void chooseBlog(String id, String url) {
    ObjectNode fields = Json.object();
    if (id != null) {
      fields.put("blog_id", id);
    }
    if (url != null) {
      fields.put("blog_url", url);
    }
    oauth().tokenFields(fields);
  }

  /** The user picks the blog with this id, now at {@code https://<name>/}. */
  @Override
  public void signInAs(String accountId, String name) {
    chooseBlog(accountId, "https://" + name + "/");
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          403,
          Map.of(
              "error",
              "authorization_required",
              "message",
              "An active access token must be used to query information about the"
                  + " current user."));
    }
    return FakeResponse.json(200, user);
  }
}
