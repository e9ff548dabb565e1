package org.oauthdropins.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;

/**
 * Where a stored login keeps its secrets, and a view of it without them (see {@link
 * AuthRecord#redacted()}). Besides the token columns, sites keep credentials in the two JSON
 * documents: Facebook's page tokens and OpenID Connect's ID token in the extra data, Bluesky's
 * private DPoP key there, and profiles that carry session tokens. Those are found by their field
 * names, so a site added later is covered if it names its secrets as every site does.
 */
final class Redaction {

  private Redaction() {}

  /** The record as JSON, every credential shortened to a hint of what it was. */
  static String of(AuthRecord r) {
    ObjectNode o = Json.object();
    o.put("kind", r.key().kind());
    o.put("id", r.key().id());
    o.put("site", r.site());
    if (r.token() instanceof AccessToken.Bearer b) {
      o.put("access_token", mask(b.value()));
    } else if (r.token() instanceof AccessToken.OAuth1 t) {
      o.put("access_token_key", mask(t.key()));
      o.put("access_token_secret", mask(t.secret()));
    }
    if (r.refreshToken() != null) {
      o.put("refresh_token", mask(r.refreshToken()));
    }
    o.put("expires_at", String.valueOf(r.expiresAt()));
    o.set("user_json", document(r.userJson()));
    o.set("extra", document(r.extraJson()));
    o.put("created", String.valueOf(r.created()));
    o.put("updated", String.valueOf(r.updated()));
    return Json.pretty(o);
  }

  private static JsonNode document(String json) {
    try {
      return masked(Json.parse(json));
    } catch (IllegalArgumentException e) {
      // Not JSON (an older row, another library's): shown whole would risk a secret.
      return TextNode.valueOf("(" + json.length() + " chars, not JSON)");
    }
  }

  /** A copy of a document with every value under a credential's field name shortened. */
  private static JsonNode masked(JsonNode node) {
    if (node.isArray()) {
      ArrayNode out = Json.array();
      node.forEach(n -> out.add(masked(n)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = Json.object();
    node.properties()
        .forEach(
            f -> {
              JsonNode v = f.getValue();
              if (Secrets.isCredentialName(f.getKey()) && !v.isNull()) {
                out.put(f.getKey(), v.isTextual() ? mask(v.asText()) : "****");
              } else {
                out.set(f.getKey(), masked(v));
              }
            });
    return out;
  }

  /**
   * A hint of a credential: its first four characters (a token's type prefix, {@code gho_}, {@code
   * EAA}, {@code eyJ}) and its length, so a person can tell two apart; nothing of a short one.
   */
  private static String mask(String secret) {
    return secret.length() <= 8
        ? "****"
        : secret.substring(0, 4) + "…(" + secret.length() + " chars)";
  }
}
