package org.oauthdropins.datastore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.cloud.datastore.BaseEntity;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.NullValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;

/**
 * The Python library's two forms of a Bluesky login's tokens, which its {@code BlueskyAuth}
 * declares: {@code session}, the JSON of an app password's {@code createSession} answer ({@code
 * accessJwt}, {@code refreshJwt}, {@code did}, {@code handle}); and {@code dpop_token}, an OAuth
 * login's token as requests-oauth2client's {@code TokenSerializer} (1.8, the Python library's pin)
 * writes a {@code DPoPToken}: base64url, without padding, of the raw-DEFLATE-compressed JSON {@code
 * {access_token, expires_at, scope, refresh_token, token_type: "DPoP", dpop_key, sub}}, where
 * {@code expires_at} is whole epoch seconds and {@code dpop_key} is {@code {alg, private_key,
 * jwt_typ, as_nonce, rs_nonce}} with the private key as a JWK, the arguments its loader gives
 * {@code DPoPKey(...)}. Java reads and writes both, the DPoP key included, so either library can
 * use a login the other stored.
 */
final class BlueskyForms {

  /**
   * A login's tokens as read from either form.
   *
   * @param dpopKey an OAuth login's private DPoP key as JWK text, Java's form; or null
   */
  record Tokens(
      AccessToken token,
      String refresh,
      Instant expiresAt,
      String auth,
      String scope,
      String dpopKey) {
    @Override
    public String toString() {
      return "Tokens[auth=" + auth + "]";
    }
  }

  /** Java's name, in a login's extra JSON, for the private DPoP key (a JWK, as text). */
  static final String DPOP_KEY = "dpop_key";

  /** The DPoP proofs' {@code typ}, which Python's key keeps as {@code jwt_typ}. */
  private static final String DPOP_JWT_TYPE = "dpop+jwt";

  private BlueskyForms() {}

  static Tokens read(BaseEntity<Key> e) {
    String dpop = EntityMapper.text(e, "dpop_token");
    if (dpop != null && !dpop.isBlank()) {
      JsonNode t = decode(dpop);
      if (t != null && t.path("access_token").isTextual()) {
        Instant expires =
            t.path("expires_at").isNumber()
                ? Instant.ofEpochMilli(
                    t.path("expires_at").decimalValue().movePointRight(3).longValue())
                : null;
        JsonNode jwk = t.path(DPOP_KEY).path("private_key");
        return new Tokens(
            new AccessToken.Bearer(t.path("access_token").asText()),
            Json.text(t, "refresh_token"),
            expires,
            "oauth",
            Json.text(t, "scope"),
            jwk.isObject() ? Json.write(jwk) : sealedOrNull(jwk));
      }
    }
    String session = EntityMapper.text(e, "session");
    if (session != null && !session.isBlank()) {
      JsonNode s;
      try {
        s = Json.parse(session);
      } catch (IllegalArgumentException bad) {
        return null;
      }
      String access = Json.text(s, "accessJwt");
      if (access != null) {
        return new Tokens(
            new AccessToken.Bearer(access),
            Json.text(s, "refreshJwt"),
            null,
            "password",
            null,
            null);
      }
    }
    return null;
  }

  /**
   * Sets {@code session} or {@code dpop_token} (and clears the other, as a Python login does) and
   * {@code pds_url}; takes the fields it wrote out of {@code extra}. A new login also clears the
   * app password a Python login may have left ({@code password}), as the Python library's own
   * callbacks write a fresh entity: the user has replaced that credential, and a Python app would
   * otherwise still sign in with it. A refresh (the same grant) keeps it.
   *
   * @param newLogin whether this is a login's first write, rather than a refresh's
   */
  static void write(Entity.Builder e, AuthRecord r, ObjectNode extra, boolean newLogin) {
    if (newLogin) {
      // Python's StringProperty None: an indexed null.
      e.set("password", NullValue.of());
    }
    String auth = extra.has("auth") ? extra.remove("auth").asText() : "password";
    JsonNode pds = extra.remove("pds_url");
    if (pds != null && pds.isTextual()) {
      e.set("pds_url", EntityMapper.string(pds.asText(), true));
    }
    String access = r.token() instanceof AccessToken.Bearer b ? b.value() : null;
    String did = r.key().id();
    if ("oauth".equals(auth)) {
      // In the order Python's serializer writes them; it leaves out what is None.
      ObjectNode t = Json.object();
      t.put("access_token", access);
      if (r.expiresAt() != null) {
        // binapy writes a datetime as int(timestamp()): whole seconds, rounded down.
        t.put("expires_at", r.expiresAt().getEpochSecond());
      }
      JsonNode scope = extra.remove("scope");
      if (scope != null && scope.isTextual()) {
        t.put("scope", scope.asText());
      }
      if (r.refreshToken() != null) {
        t.put("refresh_token", r.refreshToken());
      }
      t.put("token_type", "DPoP");
      JsonNode key = extra.remove(DPOP_KEY);
      if (key != null && key.isTextual()) {
        t.set(DPOP_KEY, pythonKey(key.asText()));
      }
      t.put("sub", did);
      e.set("dpop_token", EntityMapper.string(encode(Json.write(t)), false));
      e.set("session", NullValue.newBuilder().setExcludeFromIndexes(true).build());
    } else {
      ObjectNode s = Json.object();
      s.put("accessJwt", access);
      s.put("refreshJwt", r.refreshToken());
      s.put("did", did);
      String handle = Json.text(Json.parse(r.userJson()), "handle");
      if (handle != null) {
        s.put("handle", handle);
      }
      e.set("session", EntityMapper.string(Json.write(s), false));
      e.set("dpop_token", NullValue.newBuilder().setExcludeFromIndexes(true).build());
      if (r.expiresAt() != null) {
        extra.put("expires_at", r.expiresAt().toString());
      }
    }
  }

  /**
   * A private JWK in the form requests-oauth2client's {@code DPoPToken.as_dict()} gives it: the
   * fields of its {@code DPoPKey} that its loader passes back to {@code DPoPKey(...)}. Nonces are
   * not kept (Java tracks them per server, in memory); a None makes Python learn them anew.
   */
  private static ObjectNode pythonKey(String jwk) {
    ObjectNode k = Json.object();
    k.put("alg", "ES256");
    // A sealed key (the app seals the Python kinds too) is kept sealed, as text: Python cannot use
    // this login's key then, as it cannot use its sealed tokens.
    k.set("private_key", KeyRing.isSealed(jwk) ? TextNode.valueOf(jwk) : Json.parse(jwk));
    k.put("jwt_typ", DPOP_JWT_TYPE);
    k.putNull("as_nonce");
    k.putNull("rs_nonce");
    return k;
  }

  /** A sealed key as stored, or null for anything else that is not a JWK. */
  private static String sealedOrNull(JsonNode jwk) {
    return jwk.isTextual() && KeyRing.isSealed(jwk.asText()) ? jwk.asText() : null;
  }

  static String encode(String json) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(json.getBytes(StandardCharsets.UTF_8));
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
  }

  static JsonNode decode(String serialized) {
    Inflater in = new Inflater(true);
    try {
      in.setInput(Base64.getUrlDecoder().decode(serialized.strip()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1024];
      while (!in.finished()) {
        int n = in.inflate(buf);
        if (n == 0 && (in.needsInput() || in.needsDictionary())) {
          break;
        }
        out.write(buf, 0, n);
        if (out.size() > 64 * 1024) {
          return null;
        }
      }
      return Json.parse(out.toString(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DataFormatException e) {
      return null;
    } finally {
      in.end();
    }
  }
}
