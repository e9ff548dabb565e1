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
 * A fake Log in with PayPal, after developer.paypal.com's "Integrate Log in with PayPal", its
 * reference and the Identity API reference, on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /signin/authorize}: the scope must contain {@code openid} ("Basic Authentication",
 *       required), else {@code error=invalid_scope}; the return URL must match a registered one
 *       exactly; a denial redirects with {@code error=access_denied}.
 *   <li>{@code /v1/oauth2/token}: form-encoded, the app by HTTP Basic only; eight-hour access
 *       tokens ({@code expires_in} 28800) with a refresh token.
 *   <li>{@code /v1/identity/oauth2/userinfo?schema=paypalv1.1}: {@code user_id} for a valid Bearer
 *       token, {@code name} with {@code profile}, {@code emails} with {@code email}, {@code
 *       payer_id} and {@code verified_account} with the paypalattributes scope; another schema is a
 *       400, a bad token a 401 with {@code invalid_token}.
 * </ul>
 */
public final class FakePayPal extends OAuth2Fake {

  /** The fake user's identity URL, PayPal's {@code user_id}. */
  public static final String ANNIE_ID =
      "https://www.paypal.com/webapps/auth/identity/user/fAkE6_1sU85v5EG9yHdPxJRrhGHrnMJ-1PQKtX6pcsmA";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakePayPal() {
    super("paypal", config(), annie());
    oauth()
        .authorizeGuard(
            params ->
                List.of(params.getOrDefault("scope", "").split(" ")).contains("openid")
                    ? null
                    : "invalid_scope");
    server().route("/v1/identity/oauth2/userinfo", this::userinfo);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "PayPal",
        "/signin/authorize",
        "/v1/oauth2/token",
        Set.of(ClientAuth.BASIC),
        false,
        false,
        Map.of("error", "access_denied"),
        "A21AAfake",
        28800L,
        true,
        false);
  }

  private static ObjectNode annie() {
    ObjectNode user = Json.object();
    user.put("user_id", ANNIE_ID);
    user.put("name", "Annie Easley");
    user.put("payer_id", "FAKEPAYER7Q9LE");
    user.put("verified_account", "true");
    ObjectNode email = user.putArray("emails").addObject();
    email.put("value", "annie@example.org").put("primary", true).put("confirmed", true);
    return user;
  }

  private FakeResponse userinfo(FakeRequest r) {
    if (!"paypalv1.1".equals(r.param("schema").orElse(null))) {
      return FakeResponse.json(
          400, Map.of("name", "INVALID_REQUEST", "message", "Request is not well-formed"));
    }
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401, Map.of("error", "invalid_token", "error_description", "Invalid access token"));
    }
    List<String> scopes = Arrays.asList(oauth().scope(r).orElse("").split(" "));
    ObjectNode shown = Json.object();
    shown.put("user_id", Json.text(user, "user_id"));
    if (scopes.contains("profile")) {
      shown.put("name", Json.text(user, "name"));
    }
    if (scopes.contains("email")) {
      shown.set("emails", user.get("emails"));
    }
    if (scopes.contains("https://uri.paypal.com/services/paypalattributes")) {
      shown.put("payer_id", Json.text(user, "payer_id"));
      shown.put("verified_account", Json.text(user, "verified_account"));
    }
    return FakeResponse.json(200, shown);
  }
}
