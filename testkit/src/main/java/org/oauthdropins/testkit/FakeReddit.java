package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Reddit: {@code /api/v1/authorize} (consent form), {@code /api/v1/access_token} (HTTP Basic
 * client auth only, hour-long tokens with refresh tokens), and {@code /api/v1/me} for a Bearer
 * token granted the {@code identity} scope. Like Reddit, it refuses requests of the app without a
 * descriptive User-Agent ({@code platform:app:version (by /u/name)}) with a 429.
 */
public final class FakeReddit extends OAuth2Fake {

  /** Reddit's User-Agent rule: {@code <platform>:<app ID>:<version>}, then a comment. */
  static final Pattern USER_AGENT = Pattern.compile("[^\\s:]+:[^\\s:]+:[^\\s:]+( \\(.*\\))?");

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeReddit() {
    super("reddit", config(), user());
    oauth().revocationEndpoint("/api/v1/revoke_token");
    oauth().tokenGuard(FakeReddit::userAgentRule);
    server().route("/api/v1/me", this::me);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", "1w72");
    user.put("name", "spez");
    user.put(
        "icon_img",
        "https://styles.redditmedia.com/t5_3k30p/styles/profileIcon_snoo.png?width=256&amp;height=256&amp;s=3b2a");
    user.put("created_utc", 1118030400.0);
    user.put("link_karma", 178);
    user.put("comment_karma", 755);
    ObjectNode subreddit = user.putObject("subreddit");
    subreddit.put("display_name", "u_spez");
    subreddit.put("name", "t5_3k30p");
    subreddit.put("public_description", "Reddit CEO");
    return user;
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Reddit",
        "/api/v1/authorize",
        "/api/v1/access_token",
        Set.of(ClientAuth.BASIC),
        false,
        false,
        Map.of("error", "access_denied"),
        "reddit_",
        3600L,
        true,
        false);
  }

  private static FakeResponse userAgentRule(FakeRequest r) {
    String agent = r.header("user-agent");
    if (agent == null || !USER_AGENT.matcher(agent).matches()) {
      return FakeResponse.json(429, Map.of("message", "Too Many Requests", "error", 429));
    }
    return null;
  }

  private FakeResponse me(FakeRequest r) {
    FakeResponse refused = userAgentRule(r);
    if (refused != null) {
      return refused;
    }
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(401, Map.of("message", "Unauthorized", "error", 401));
    }
    String scope = oauth().scope(r).orElse("");
    if (!Arrays.asList(scope.split(" ")).contains("identity")) {
      return FakeResponse.json(403, Map.of("message", "Forbidden", "error", 403));
    }
    return FakeResponse.json(200, user);
  }
}
