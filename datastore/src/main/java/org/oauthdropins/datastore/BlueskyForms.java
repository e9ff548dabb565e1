package org.oauthdropins.datastore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.datastore.BaseEntity;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.NullValue;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.oauthdropins.AccessToken;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;

/**
 * The Python library's two forms of a Bluesky login's tokens, which its {@code BlueskyAuth}
 * declares: {@code session}, the JSON of an app password's {@code createSession} answer ({@code
 * accessJwt}, {@code refreshJwt}, {@code did}, {@code handle}); and {@code dpop_token}, an OAuth
 * login's token as requests-oauth2client's {@code BearerTokenSerializer} writes it: base64url,
 * without padding, of the raw-DEFLATE-compressed JSON {@code {access_token, refresh_token,
 * token_type, scope, sub, expires_at}} (epoch seconds). Java reads and writes both, so either
 * library can use a login the other stored; the DPoP private key has no Python property and stays
 * in Java's sidecar entity.
 */
final class BlueskyForms {

  /** A login's tokens as read from either form. */
  record Tokens(AccessToken token, String refresh, Instant expiresAt, String auth, String scope) {}

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
        return new Tokens(
            new AccessToken.Bearer(t.path("access_token").asText()),
            Json.text(t, "refresh_token"),
            expires,
            "oauth",
            Json.text(t, "scope"));
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
            new AccessToken.Bearer(access), Json.text(s, "refreshJwt"), null, "password", null);
      }
    }
    return null;
  }

  /**
   * Sets {@code session} or {@code dpop_token} (and clears the other, as a Python login does) and
   * {@code pds_url}; takes the fields it wrote out of {@code extra}.
   */
  static void write(Entity.Builder e, AuthRecord r, ObjectNode extra) {
    String auth = extra.has("auth") ? extra.remove("auth").asText() : "password";
    JsonNode pds = extra.remove("pds_url");
    if (pds != null && pds.isTextual()) {
      e.set("pds_url", EntityMapper.string(pds.asText(), true));
    }
    String access = r.token() instanceof AccessToken.Bearer b ? b.value() : null;
    String did = r.key().id();
    if ("oauth".equals(auth)) {
      ObjectNode t = Json.object();
      t.put("access_token", access);
      t.put("refresh_token", r.refreshToken());
      t.put("token_type", "DPoP");
      JsonNode scope = extra.remove("scope");
      if (scope != null && scope.isTextual()) {
        t.put("scope", scope.asText());
      }
      t.put("sub", did);
      if (r.expiresAt() != null) {
        t.put("expires_at", BigDecimal.valueOf(r.expiresAt().toEpochMilli(), 3));
      }
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
