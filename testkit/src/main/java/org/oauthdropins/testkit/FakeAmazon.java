package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Login with Amazon, after developer.amazon.com's "Authorization Code Grant" and "Customer
 * Profile", on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /ap/oa}: a scope is required (Amazon's table marks it REQUIRED: {@code profile},
 *       {@code profile:user_id}, {@code postal_code}), else {@code error=invalid_scope}; the
 *       redirect URI must match a registered one exactly; a denial redirects with {@code
 *       error=access_denied} and a description.
 *   <li>{@code /auth/o2/token}: form-encoded, the app by its id and secret in the form or HTTP
 *       Basic (both documented); the PKCE verifier when a challenge was sent; hour-long {@code
 *       Atza|} access tokens and a refresh token ({@code Atzr|}).
 *   <li>{@code /user/profile}: {@code user_id}, {@code name} and {@code email} for a valid Bearer
 *       token of a {@code profile} login (only {@code user_id} for {@code profile:user_id}, {@code
 *       postal_code} only with that scope); otherwise 401 with {@code invalid_token}.
 * </ul>
 */
public final class FakeAmazon extends OAuth2Fake {

  /** The fake customer's id for the app. */
  public static final String KAY_ID = "amzn1.account.AFAKE3C5RLN4ZZ2UXMZHUZ7KTOOQ";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeAmazon() {
    super("amazon", config(), kay());
    oauth()
        .authorizeGuard(
            params -> params.getOrDefault("scope", "").isBlank() ? "invalid_scope" : null);
    server().route("/user/profile", this::profile);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Amazon",
        "/ap/oa",
        "/auth/o2/token",
        Set.of(ClientAuth.POST, ClientAuth.BASIC),
        false,
        false,
        Map.of("error", "access_denied", "error_description", "The user denied the request"),
        "Atza|",
        3600L,
        true,
        false);
  }

  private static ObjectNode kay() {
    ObjectNode user = Json.object();
    user.put("user_id", KAY_ID);
    user.put("name", "Kay McNulty");
    user.put("email", "kay@example.org");
    user.put("postal_code", "98101");
    return user;
  }

  private FakeResponse profile(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401,
          Map.of("error", "invalid_token", "error_description", "The access token is invalid"));
    }
    java.util.List<String> scopes = java.util.Arrays.asList(oauth().scope(r).orElse("").split(" "));
    ObjectNode shown = Json.object();
    shown.put("user_id", Json.text(user, "user_id"));
    if (scopes.contains("profile")) {
      shown.put("name", Json.text(user, "name"));
      shown.put("email", Json.text(user, "email"));
    }
    if (scopes.contains("postal_code")) {
      shown.put("postal_code", Json.text(user, "postal_code"));
    }
    return FakeResponse.json(200, shown);
  }
}
