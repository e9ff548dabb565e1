package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.oauthdropins.Credentials;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Threads: {@code /oauth/authorize} (consent form; the code comes back with {@code #_}
 * appended), {@code /oauth/access_token} (client id and secret in the POST body; answers the
 * one-hour token and {@code user_id}, nothing else), {@code /access_token} and {@code
 * /refresh_access_token} (long-lived tokens with {@code th_exchange_token} and {@code
 * th_refresh_token}, see {@link MetaGraph}) and {@code /v1.0/me} (the profile, limited to {@code
 * fields}).
 */
public final class FakeThreads extends OAuth2Fake {

  private static final Credentials APP = new Credentials("fake-threads-app", "fake-threads-secret");

  /** The long-lived token routes, for tests. */
  final MetaGraph graph;

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeThreads() {
    this(Clock.systemUTC());
  }

  /** A fake whose tokens age by the given clock. */
  FakeThreads(Clock clock) {
    super("threads", APP);
    ObjectNode user = Json.object();
    user.put("id", "25000000000000004");
    user.put("username", "ada_threads");
    user.put("name", "Ada Lovelace");
    user.put("threads_profile_picture_url", "https://scontent.cdninstagram.com/v/t51/ada.jpg");
    user.put("threads_biography", "First programmer");
    FakeOAuth2.Config config = MetaGraph.shortLivedTokens("Threads", "THAA", "Permissions error");
    mount(config, user, clock)
        .redirectSuffix("#_")
        .shapeTokens(
            (body, who, params) -> {
              ObjectNode token = Json.object();
              token.set("access_token", body.get("access_token"));
              // A number, as Threads sends it.
              token.put("user_id", Long.parseLong(Json.text(who, "id")));
              return token;
            });
    graph =
        MetaGraph.mountLongLivedTokens(
            server, oauth(), credentials(), clock, "th_exchange_token", "th_refresh_token");
    server.route("/v1.0/me", MetaGraph.me(oauth()));
  }
}
