package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Yandex ID, after yandex.com/dev/id/doc ("Getting an OAuth token: authorization code",
 * "Refreshing a token", "Getting user data"), on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /authorize}: a redirect URI registered for the app, matched exactly; a denial
 *       redirects with {@code error=access_denied} and the state.
 *   <li>{@code /token}: the app by HTTP Basic or in the body, the PKCE verifier when a challenge
 *       was sent; year-long tokens ({@code expires_in} 31536000) and a refresh token, replaced on
 *       each refresh.
 *   <li>{@code /info}: {@code ?format=json} required; the token only as {@code Authorization: OAuth
 *       <token>} (a Bearer header is refused, so a client that signs the standard way fails here as
 *       it might at Yandex); {@code id}, {@code login}, {@code client_id} and {@code psuid} always,
 *       the names with {@code login:info}, {@code default_avatar_id} and {@code is_avatar_empty}
 *       with {@code login:avatar}, {@code default_email} and {@code emails} with {@code
 *       login:email}. A login that asked for no scope has the accesses the app was registered with,
 *       here {@code login:info login:avatar}. Otherwise 401.
 * </ul>
 *
 * <p>Not confirmed from the documentation, and so chosen: whether Yandex refuses a Bearer header
 * (its pages show only {@code OAuth}); the exact 401 body (the fake sends plain text).
 */
public final class FakeYandex extends OAuth2Fake {

  /** The fake user's Yandex id. */
  public static final String ALICE_ID = "1000034426";

  /** The accesses the fake app was registered with, which a login without scope gets. */
  static final String REGISTERED = "login:info login:avatar";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeYandex() {
    super("yandex", config(), user());
    server().route("/info", this::info);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Yandex ID",
        "/authorize",
        "/token",
        Set.of(ClientAuth.BASIC, ClientAuth.POST),
        false,
        false,
        Map.of("error", "access_denied"),
        "y0_",
        31536000L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", ALICE_ID);
    user.put("login", "alice.test");
    user.put("client_id", "fake-yandex-client");
    user.put("psuid", "1.AAceCw.tbHgw5DtJ9_zeqPrk-Ba2w.qPWSRC5v2t2IaksPJgnge");
    user.put("display_name", "Alice");
    user.put("real_name", "Alice Smith");
    user.put("first_name", "Alice");
    user.put("last_name", "Smith");
    user.put("default_avatar_id", "131652443");
    user.put("is_avatar_empty", false);
    user.put("default_email", "alice.test@yandex.ru");
    user.putArray("emails").add("alice.test@yandex.ru");
    return user;
  }

  private FakeResponse info(FakeRequest r) {
    String auth = r.header("authorization");
    JsonNode user =
        auth != null && auth.startsWith("OAuth ")
            ? oauth().user(auth.substring("OAuth ".length())).orElse(null)
            : null;
    if (user == null) {
      return FakeResponse.text(401, "invalid token");
    }
    if (!"json".equals(r.param("format").orElse(null))) {
      return FakeResponse.text(400, "format=json expected");
    }
    String granted = oauth().scope(auth.substring("OAuth ".length())).orElse("");
    List<String> scopes = Arrays.asList((granted.isEmpty() ? REGISTERED : granted).split(" "));
    ObjectNode shown = user.deepCopy();
    if (!scopes.contains("login:info")) {
      shown.remove(List.of("display_name", "real_name", "first_name", "last_name"));
    }
    if (!scopes.contains("login:avatar")) {
      shown.remove(List.of("default_avatar_id", "is_avatar_empty"));
    }
    if (!scopes.contains("login:email")) {
      shown.remove(List.of("default_email", "emails"));
    }
    return FakeResponse.json(200, shown);
  }
}
