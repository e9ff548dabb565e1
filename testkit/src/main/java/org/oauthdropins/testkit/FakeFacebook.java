package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.facebook.Facebook;

/**
 * A fake Facebook at Graph API {@link Facebook#VERSION}: {@code /VERSION/dialog/oauth} (consent
 * form; a denial redirects with {@code error=access_denied&error_reason=user_denied}), {@code
 * /VERSION/oauth/access_token} (GET with the app id and secret in the query, PKCE checked when
 * sent), {@code /VERSION/me} (the user, or with a page token the page, limited to {@code fields})
 * and {@code /VERSION/me/accounts} (the pages the user manages, each with a fresh page token).
 * Graph calls take the token as a Bearer header or {@code access_token} parameter.
 */
public final class FakeFacebook extends OAuth2Fake {

  private static final String V = "/" + Facebook.VERSION;

  private static final Credentials APP =
      new Credentials("fake-facebook-app", "fake-facebook-secret");
  private final ObjectNode page = Json.object();

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeFacebook() {
    super("facebook", APP);
    ObjectNode user = Json.object();
    user.put("id", "10160000000000001");
    user.put("name", "Ada Lovelace");
    user.put("email", "ada@example.com");
    ObjectNode picture = user.putObject("picture").putObject("data");
    picture.put("height", 50);
    picture.put("is_silhouette", false);
    picture.put(
        "url", "https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=1&height=50");
    picture.put("width", 50);
    page.put("id", "104000000000002");
    page.put("name", "Analytical Engines");
    page.put("category", "Science, Technology & Engineering");
    page.set("tasks", Json.tree(List.of("ANALYZE", "MODERATE", "MANAGE")));
    FakeOAuth2.Config config =
        new FakeOAuth2.Config(
            "Facebook",
            V + "/dialog/oauth",
            V + "/oauth/access_token",
            Set.of(ClientAuth.POST),
            false,
            false,
            Map.of(
                "error", "access_denied",
                "error_reason", "user_denied",
                "error_description", "Permissions error"),
            "EAAB",
            5183944L,
            false,
            false);
    mount(config, user, Clock.systemUTC())
        .acceptGetTokenRequests()
        .shapeTokens(
            (body, who, params) -> {
              body.remove("scope");
              return body;
            });
    server.route(V + "/me", MetaGraph.me(oauth()));
    server.route(V + "/me/accounts", this::accounts);
    server.route(V + "/me/permissions", this::permissions);
  }

  /**
   * {@code DELETE /me/permissions} (Graph API "Permissions"): removes the app's whole
   * authorization, so every token the user gave it ends; {@code {"success": true}}. An invalid
   * token is error 190.
   */
  private FakeResponse permissions(FakeRequest r) {
    String token = MetaGraph.token(r);
    if (oauth().user(token).isEmpty()) {
      return MetaGraph.error(400, "Invalid OAuth access token.", 190);
    }
    if (!"DELETE".equals(r.method())) {
      return MetaGraph.error(400, "Unsupported request.", 100);
    }
    oauth().revokeToken(token);
    return FakeResponse.json(200, Map.of("success", true));
  }

  /** Both bases at this fake, with the Graph API version in their paths as on facebook.com. */
  @Override
  public SiteOptions options() {
    return super.options().withAllBases(URI.create(url() + V));
  }

  /** The page the user manages, as {@code me/accounts} lists it (without its token). */
  public JsonNode page() {
    return page.deepCopy();
  }

  private FakeResponse accounts(FakeRequest r) {
    JsonNode who = oauth().user(MetaGraph.token(r)).orElse(null);
    if (who == null || who.path("id").equals(page.path("id"))) {
      // Only user tokens list pages; a page token has none.
      return MetaGraph.invalidToken();
    }
    ObjectNode entry = page.deepCopy();
    entry.put("access_token", oauth().issueToken(page, 5183944L));
    return FakeResponse.json(
        200, Map.of("data", List.of(entry), "paging", Map.of("cursors", Map.of("before", "QVFI"))));
  }
}
