package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.oauthdropins.Credentials;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Instagram with Business Login: {@code /oauth/authorize} (consent form; the code comes back
 * with {@code #_} appended; a denial carries {@code error_reason=user_denied}), {@code
 * /oauth/access_token} (client id and secret in the POST body; the one-hour token and app-scoped
 * {@code user_id} inside a {@code data} list, as documented), {@code /access_token} and {@code
 * /refresh_access_token} (long-lived tokens, see {@link MetaGraph}) and {@code /me} (the
 * professional account, limited to {@code fields}). The account has Meta's two immutable ids, the
 * app-scoped {@code id} (the token response's {@code user_id}) and the professional account's
 * {@code user_id}, and a {@code username} that can be renamed ({@link #signInAs}).
 */
public final class FakeInstagram extends OAuth2Fake implements RenamableFake {

  private static final Credentials APP =
      new Credentials("fake-instagram-app", "fake-instagram-secret");

  /** The fake user's app-scoped id: the {@code id} of {@code /me}. */
  public static final String APP_SCOPED_ID = "9080000000000003";

  /** The long-lived token routes, for tests. */
  final MetaGraph graph;

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeInstagram() {
    this(Clock.systemUTC());
  }

  /** A fake whose tokens age by the given clock. */
  FakeInstagram(Clock clock) {
    super("instagram", APP);
    ObjectNode user = Json.object();
    user.put("id", APP_SCOPED_ID);
    user.put("user_id", "17841400000000001");
    user.put("username", "analytical.engines");
    user.put("name", "Analytical Engines");
    user.put("profile_picture_url", "https://scontent.cdninstagram.com/v/t51/ae.jpg");
    FakeOAuth2.Config config =
        MetaGraph.shortLivedTokens("Instagram", "IGAA", "The user denied your request.");
    mount(config, user, clock)
        .redirectSuffix("#_")
        .shapeTokens(
            (body, who, params) -> {
              ObjectNode token = Json.object();
              token.set("access_token", body.get("access_token"));
              token.set("user_id", who.get("id"));
              token.set("permissions", body.get("scope"));
              ObjectNode wrapped = Json.object();
              wrapped.putArray("data").add(token);
              return wrapped;
            });
    graph =
        MetaGraph.mountLongLivedTokens(
            server, oauth(), credentials(), clock, "ig_exchange_token", "ig_refresh_token");
    server.route("/me", MetaGraph.me(oauth()));
  }

  @Override
  public void signInAs(String accountId, String name) {
    ObjectNode user = oauth().user().deepCopy();
    user.put("id", accountId);
    // The professional account id is another immutable number; the fake derives it.
    user.put("user_id", "1784140" + accountId);
    user.put("username", name);
    oauth().user(user);
  }
}
