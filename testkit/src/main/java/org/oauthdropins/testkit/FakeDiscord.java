package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Discord, after discord.com/developers/docs/topics/oauth2 and resources/user: {@code
 * /oauth2/authorize} (consent form; a denial redirects with {@code error=access_denied}), {@code
 * /api/oauth2/token} (HTTP Basic or the secret in the body; form-encoded requests only, as the
 * docs' warning says, anything else gets a 400; week-long tokens, {@code expires_in} 604800, with
 * refresh tokens), and {@code /api/v10/users/@me} ("Get Current User"), which needs a Bearer token
 * granted {@code identify} and shows {@code email} and {@code verified} only to one also granted
 * {@code email}. Its user is on the new username system (discriminator {@code "0"}, a {@code
 * global_name}). PKCE is checked when a challenge was sent, as by every fake authorization server;
 * Discord's topics/oauth2 page does not mention PKCE (its Social SDK guide uses it).
 */
public final class FakeDiscord extends OAuth2Fake {

  /** The fake user's id, the example user's of Discord's user resource docs. */
  public static final String NELLY_ID = "80351110224678912";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeDiscord() {
    super("discord", config(), user());
    oauth().revocationEndpoint("/api/oauth2/token/revoke");
    oauth().tokenGuard(FakeDiscord::formOnly);
    server().route("/api/v10/users/@me", this::me);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", NELLY_ID);
    user.put("username", "nelly");
    user.put("discriminator", "0");
    user.put("global_name", "Nelly");
    user.put("avatar", "8342729096ea3675442027381ff50dfe");
    user.put("mfa_enabled", false);
    user.putNull("banner");
    user.put("accent_color", 16711680);
    user.put("locale", "en-US");
    user.put("flags", 64);
    user.put("premium_type", 1);
    user.put("public_flags", 64);
    user.put("email", "nelly@discord.com");
    user.put("verified", true);
    return user;
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Discord",
        "/oauth2/authorize",
        "/api/oauth2/token",
        Set.of(ClientAuth.BASIC, ClientAuth.POST),
        false,
        false,
        Map.of(
            "error", "access_denied",
            "error_description", "The resource owner or authorization server denied the request"),
        "discord_",
        604800L,
        true,
        false);
  }

  /** "the token and token revocation URLs will only accept application/x-www-form-urlencoded". */
  private static FakeResponse formOnly(FakeRequest r) {
    String type = r.header("content-type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return FakeResponse.json(400, Map.of("error", "invalid_request"));
    }
    return null;
  }

  private FakeResponse me(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(401, Map.of("message", "401: Unauthorized", "code", 0));
    }
    List<String> scopes = Arrays.asList(oauth().scope(r).orElse("").split(" "));
    if (!scopes.contains("identify")) {
      return FakeResponse.json(403, Map.of("message", "Missing Access", "code", 50001));
    }
    if (scopes.contains("email")) {
      return FakeResponse.json(200, user);
    }
    ObjectNode withoutEmail = user.deepCopy();
    withoutEmail.remove(List.of("email", "verified"));
    return FakeResponse.json(200, withoutEmail);
  }
}
