package org.oauthdropins.datastore;

import static org.oauthdropins.datastore.PythonKinds.ACCESS_TOKEN;
import static org.oauthdropins.datastore.PythonKinds.TOKEN_JSON;
import static org.oauthdropins.datastore.PythonKinds.TOKEN_KEY;
import static org.oauthdropins.datastore.PythonKinds.TOKEN_SECRET;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.Timestamp;
import com.google.cloud.datastore.BaseEntity;
import com.google.cloud.datastore.BlobValue;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.FullEntity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyValue;
import com.google.cloud.datastore.StringValue;
import com.google.cloud.datastore.TimestampValue;
import com.google.cloud.datastore.Value;
import com.google.cloud.datastore.ValueType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.datastore.PythonKinds.Layout;
import org.oauthdropins.datastore.PythonKinds.PropType;
import org.oauthdropins.datastore.PythonKinds.TokenStyle;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;

/** Converts {@link AuthRecord}s to and from entities in the Python library's layout. */
final class EntityMapper {

  static final String USER_JSON = "user_json";
  static final String CREATED = "created";
  static final String UPDATED = "updated";
  static final String JAVA_SITE = "java_site";
  static final String JAVA_TOKEN = "java_token";
  static final String JAVA_TOKEN_SECRET = "java_token_secret";
  static final String JAVA_REFRESH_TOKEN = "java_refresh_token";
  static final String JAVA_EXPIRES_AT = "java_expires_at";
  static final String JAVA_EXTRA_JSON = "java_extra_json";
  static final String GUARD = "python_tokens_sha256";

  /** Datastore does not index strings longer than this many bytes. */
  private static final int MAX_INDEXED_BYTES = 1500;

  private EntityMapper() {}

  // ---- record -> entity

  /** Where a Java write goes: the Python-layout entity, and Java's own beside it if needed. */
  record Written(Entity main, Entity sidecar) {}

  /**
   * The entities of a record. What the Python model declares goes on {@code main}, in Python's
   * names and types; what it does not goes on the sidecar ({@link PythonKinds#SIDECAR_KIND}), which
   * a Python {@code put()} never touches. Properties of {@code old} that Java does not map (say a
   * Python app's {@code auth_code}) are carried over, so a Java write loses nothing Python wrote.
   *
   * @param appKey the registration the login used (Mastodon, Pixelfed), written as Python's {@code
   *     app}; or null
   * @param newLogin whether this writes a new login ({@code put}) rather than a refresh's tokens
   *     over the same grant ({@code putIfTokensUnchanged})
   */
  static Written toEntity(
      Key key,
      Key sidecarKey,
      AuthRecord r,
      Instant created,
      Instant updated,
      Entity old,
      Key appKey,
      boolean newLogin) {
    Layout layout = PythonKinds.layout(r.key().kind());
    Entity.Builder e = Entity.newBuilder(key);
    if (old != null) {
      for (String name : old.getNames()) {
        if (!name.startsWith("java_")) {
          e.set(name, (Value<?>) old.getValue(name));
        }
      }
    }
    Entity.Builder side = Entity.newBuilder(sidecarKey);
    boolean sideNeeded = false;
    ObjectNode extra = objectOrEmpty(r.extraJson());
    ObjectNode tokenJson = null;
    if (layout.token() == TokenStyle.TOKEN_JSON) {
      JsonNode given = extra.remove(TOKEN_JSON);
      tokenJson = given instanceof ObjectNode o ? o : Json.object();
    }
    boolean bluesky = layout.kind().equals(PythonKinds.BLUESKY);

    AccessToken token = r.token();
    boolean refreshPlaced = false;
    boolean expiryPlaced = false;
    if (bluesky) {
      // Python's own two forms: an app password's session, or an OAuth DPoP token.
      BlueskyForms.write(e, r, extra, newLogin);
      refreshPlaced = true;
      expiryPlaced = true;
    } else if (token instanceof AccessToken.Bearer b && layout.token() == TokenStyle.BEARER) {
      boolean text = PythonKinds.TEXT_TOKEN_KINDS.contains(layout.kind());
      e.set(ACCESS_TOKEN, string(b.value(), !text));
    } else if (token instanceof AccessToken.Bearer b && tokenJson != null) {
      tokenJson.put("access_token", b.value());
    } else if (token instanceof AccessToken.OAuth1 o && layout.token() == TokenStyle.OAUTH1) {
      e.set(TOKEN_KEY, string(o.key(), true));
      e.set(TOKEN_SECRET, string(o.secret(), true));
    } else if (token instanceof AccessToken.Bearer b) {
      side.set(JAVA_TOKEN, string(b.value(), false));
      sideNeeded = true;
    } else if (token instanceof AccessToken.OAuth1 o) {
      side.set(JAVA_TOKEN, string(o.key(), false));
      side.set(JAVA_TOKEN_SECRET, string(o.secret(), false));
      sideNeeded = true;
    }

    if (r.refreshToken() != null && !refreshPlaced) {
      if (tokenJson != null) {
        tokenJson.put("refresh_token", r.refreshToken());
      } else if (layout.refreshProperty() != null) {
        e.set(layout.refreshProperty(), string(r.refreshToken(), true));
      } else {
        side.set(JAVA_REFRESH_TOKEN, string(r.refreshToken(), false));
        sideNeeded = true;
      }
    }
    if (r.expiresAt() != null && !expiryPlaced) {
      if (tokenJson != null) {
        // Python (requests-oauthlib) keeps epoch seconds as a float.
        tokenJson.put("expires_at", BigDecimal.valueOf(r.expiresAt().toEpochMilli(), 3));
      } else {
        side.set(JAVA_EXPIRES_AT, TimestampValue.newBuilder(timestamp(r.expiresAt())).build());
        sideNeeded = true;
      }
    }
    if (tokenJson != null && !tokenJson.isEmpty()) {
      e.set(TOKEN_JSON, string(Json.write(tokenJson), false));
    }

    if (layout.declared().contains(USER_JSON)) {
      e.set(USER_JSON, string(r.userJson(), false));
    } else {
      side.set(USER_JSON, string(r.userJson(), false));
      sideNeeded = true;
    }
    e.set(CREATED, timestamp(created));
    e.set(UPDATED, timestamp(updated));
    if (!r.site().equals(layout.site())) {
      side.set(JAVA_SITE, string(r.site(), false));
      sideNeeded = true;
    }

    // Java's names for Python's properties.
    JsonNode pages = extra.remove("pages");
    if (layout.kind().equals("FacebookAuth") && pages != null && pages.isArray()) {
      e.set("pages_json", string(Json.write(pages), false));
    } else if (pages != null) {
      extra.set("pages", pages);
    }
    if (appKey != null && layout.properties().get("app") == PropType.KEY) {
      e.set("app", KeyValue.of(appKey));
    }
    ObjectNode javaExtra = Json.object();
    for (Map.Entry<String, JsonNode> f : extra.properties()) {
      PropType type = layout.properties().get(f.getKey());
      Value<?> v = type == null ? null : typed(key, type, f.getValue());
      if (v != null) {
        e.set(f.getKey(), v);
      } else {
        javaExtra.set(f.getKey(), f.getValue());
      }
    }
    if (!javaExtra.isEmpty()) {
      side.set(JAVA_EXTRA_JSON, string(Json.write(javaExtra), false));
      sideNeeded = true;
    }
    // Python requires some properties that Java has no value for (the spent authorization code of
    // Disqus and Instagram): an empty string satisfies ndb's `required`, so Python can save it.
    for (String required : layout.required()) {
      Entity sofar = e.build();
      if (!sofar.contains(required) || sofar.getValue(required).getType() == ValueType.NULL) {
        e.set(required, string("", !PythonKinds.unindexed(layout, required)));
      }
    }
    Entity main = e.build();
    if (!sideNeeded) {
      return new Written(main, null);
    }
    side.set(GUARD, string(guard(main), false));
    return new Written(main, side.build());
  }

  /**
   * A digest of the Python-declared token properties of an entity. The sidecar holds it as of its
   * own write; when a Python app has since saved new tokens (a Python login or refresh), the two
   * differ and the sidecar's tokens, which belong to the old grant, are ignored.
   */
  static String guard(BaseEntity<Key> e) {
    StringBuilder s = new StringBuilder();
    for (String name : PythonKinds.TOKEN_PROPERTIES) {
      s.append(name).append('=').append(text(e, name)).append('\n');
    }
    return sha256(s.toString());
  }

  /** A value in the Python type, or null if the JSON value does not fit it. */
  private static Value<?> typed(Key self, PropType type, JsonNode v) {
    return switch (type) {
      case STRING -> v.isTextual() ? string(v.asText(), true) : null;
      case TEXT -> v.isTextual() ? string(v.asText(), false) : null;
      case JSON -> string(v.isTextual() ? v.asText() : Json.write(v), false);
      case KEY -> {
        String ref = v.isTextual() ? v.asText() : "";
        int colon = ref.indexOf(':');
        if (colon <= 0) {
          yield null;
        }
        String kind = ref.substring(0, colon);
        String id = ref.substring(colon + 1);
        var factory =
            com.google.cloud.datastore.Key.newBuilder(self.getProjectId(), kind, 1L)
                .setNamespace(self.getNamespace());
        Key k =
            id.matches("[1-9][0-9]{0,18}")
                ? factory.setId(Long.parseLong(id)).build()
                : factory.setName(PythonKinds.escape(id)).build();
        yield KeyValue.of(k);
      }
    };
  }

  // ---- entity -> record

  /**
   * The record of an entity and its sidecar (or null).
   *
   * @param app the registration the entity's {@code app} names (Mastodon, Pixelfed), which holds
   *     the instance of the logins Python wrote (it keeps it there only) and the client their
   *     tokens belong to; or null
   */
  static AuthRecord fromEntity(
      org.oauthdropins.store.Key key,
      BaseEntity<Key> e,
      BaseEntity<Key> side,
      BaseEntity<Key> app) {
    Layout layout = PythonKinds.layout(key.kind());
    // A sidecar written before a Python save of new tokens holds the old grant's tokens.
    boolean sideTokens = side != null && guard(e).equals(text(side, GUARD));
    BaseEntity<Key> java = side != null ? side : e;
    Set<String> mapped =
        new java.util.HashSet<>(
            Set.of(
                USER_JSON,
                CREATED,
                UPDATED,
                JAVA_SITE,
                JAVA_TOKEN,
                JAVA_TOKEN_SECRET,
                JAVA_REFRESH_TOKEN,
                JAVA_EXPIRES_AT,
                JAVA_EXTRA_JSON,
                // An app password: Python's to keep on its entity, never Java's to surface.
                "password"));
    ObjectNode extra = Json.object();

    ObjectNode tokenJson = null;
    if (layout.token() == TokenStyle.TOKEN_JSON && e.contains(TOKEN_JSON)) {
      mapped.add(TOKEN_JSON);
      JsonNode parsed = parseOrNull(text(e, TOKEN_JSON));
      tokenJson = parsed instanceof ObjectNode o ? o : Json.object();
    }

    AccessToken token = null;
    String refresh = null;
    Instant expiresAt = null;
    // Entities written before the sidecar kept Java's values on the entity itself.
    if (side == null || sideTokens) {
      if (java.contains(JAVA_TOKEN)) {
        token =
            java.contains(JAVA_TOKEN_SECRET)
                ? new AccessToken.OAuth1(text(java, JAVA_TOKEN), text(java, JAVA_TOKEN_SECRET))
                : new AccessToken.Bearer(text(java, JAVA_TOKEN));
      }
      refresh = text(java, JAVA_REFRESH_TOKEN);
      expiresAt =
          java.contains(JAVA_EXPIRES_AT) ? instant(java.getTimestamp(JAVA_EXPIRES_AT)) : null;
    }
    String blueskyKey = null;
    if (layout.kind().equals(PythonKinds.BLUESKY)) {
      BlueskyForms.Tokens t = BlueskyForms.read(e);
      mapped.addAll(Set.of("session", "dpop_token"));
      if (t != null) {
        blueskyKey = t.dpopKey();
        token = t.token();
        refresh = t.refresh();
        expiresAt = t.expiresAt();
        extra.put("auth", t.auth());
        if (t.scope() != null) {
          extra.put("scope", t.scope());
        }
      }
    } else if (token == null
        && layout.token() == TokenStyle.BEARER
        && text(e, ACCESS_TOKEN) != null) {
      token = new AccessToken.Bearer(text(e, ACCESS_TOKEN));
    } else if (token == null && layout.token() == TokenStyle.OAUTH1 && text(e, TOKEN_KEY) != null) {
      token = new AccessToken.OAuth1(text(e, TOKEN_KEY), text(e, TOKEN_SECRET));
    } else if (token == null && tokenJson != null && tokenJson.path("access_token").isTextual()) {
      token = new AccessToken.Bearer(tokenJson.path("access_token").asText());
    }
    switch (layout.token()) {
      case BEARER -> mapped.add(ACCESS_TOKEN);
      case OAUTH1 -> mapped.addAll(Set.of(TOKEN_KEY, TOKEN_SECRET));
      default -> {}
    }

    if (refresh == null && tokenJson != null && tokenJson.path("refresh_token").isTextual()) {
      refresh = tokenJson.path("refresh_token").asText();
    }
    if (layout.refreshProperty() != null && !layout.refreshProperty().equals(TOKEN_JSON)) {
      mapped.add(layout.refreshProperty());
      String python = text(e, layout.refreshProperty());
      if (python != null) {
        refresh = python; // Python's value is the current one: a Python save updates it
      }
    }

    if (expiresAt == null && tokenJson != null && tokenJson.path("expires_at").isNumber()) {
      expiresAt =
          Instant.ofEpochMilli(
              tokenJson.path("expires_at").decimalValue().movePointRight(3).longValue());
    }
    if (tokenJson != null) {
      tokenJson.remove(Set.of("access_token", "refresh_token", "expires_at"));
      if (!tokenJson.isEmpty()) {
        extra.set(TOKEN_JSON, tokenJson);
      }
    }

    for (String name : e.getNames()) {
      if (mapped.contains(name)) {
        continue;
      }
      PropType type = layout.properties().get(name);
      JsonNode v = type == PropType.JSON ? parseOrNull(text(e, name)) : null;
      if (name.equals("pages_json") && layout.kind().equals("FacebookAuth")) {
        if (v != null && v.isArray()) {
          extra.set("pages", v);
        }
        continue;
      }
      if (e.getValue(name).getType() == ValueType.NULL) {
        continue;
      }
      extra.set(name, v != null ? v : toJson(e.getValue(name)));
    }
    JsonNode javaExtra = parseOrNull(text(java, JAVA_EXTRA_JSON));
    if (javaExtra instanceof ObjectNode o) {
      extra.setAll(o);
    }
    if (blueskyKey != null) {
      // The key in Python's token is the one its tokens are bound to: it wins over one that an
      // older Java write kept beside the entity.
      extra.put(BlueskyForms.DPOP_KEY, blueskyKey);
    }
    String appInstance = app == null ? null : text(app, "instance");
    if (appInstance != null && !extra.has("instance")) {
      extra.put("instance", PythonKinds.javaInstance(appInstance));
    }
    JsonNode appData = app == null ? null : parseOrNull(text(app, "data"));
    if (appData != null && appData.path("client_id").isTextual()) {
      // The app a Python save names is the login's now, whatever Java's own data says.
      extra.put("client_id", appData.path("client_id").asText());
    }

    String site = text(java, JAVA_SITE);
    if (site == null) {
      site = layout.site() != null ? layout.site() : key.kind().toLowerCase();
    }
    String userJson = text(e, USER_JSON);
    if (userJson == null && side != null) {
      userJson = text(side, USER_JSON);
    }
    return new AuthRecord(
        key,
        site,
        token,
        refresh,
        expiresAt,
        userJson,
        Json.write(extra),
        e.contains(CREATED) ? instant(e.getTimestamp(CREATED)) : null,
        e.contains(UPDATED) ? instant(e.getTimestamp(UPDATED)) : null);
  }

  /** Any Datastore value as JSON, for properties that no table names. */
  static JsonNode toJson(Value<?> v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (v.getType()) {
      case NULL -> f.nullNode();
      case STRING -> f.textNode((String) v.get());
      case LONG -> f.numberNode((Long) v.get());
      case DOUBLE -> f.numberNode((Double) v.get());
      case BOOLEAN -> f.booleanNode((Boolean) v.get());
      case TIMESTAMP -> f.textNode(instant((Timestamp) v.get()).toString());
      case BLOB ->
          f.textNode(new String(((BlobValue) v).get().toByteArray(), StandardCharsets.UTF_8));
      case KEY -> {
        Key k = (Key) v.get();
        yield f.textNode(
            k.getKind() + ":" + (k.hasName() ? PythonKinds.unescape(k.getName()) : k.getId()));
      }
      case LIST -> {
        var array = f.arrayNode();
        for (Object item : (java.util.List<?>) v.get()) {
          array.add(toJson((Value<?>) item));
        }
        yield array;
      }
      case ENTITY -> {
        ObjectNode o = f.objectNode();
        FullEntity<?> inner = (FullEntity<?>) v.get();
        for (String n : inner.getNames()) {
          o.set(n, toJson(inner.getValue(n)));
        }
        yield o;
      }
      default -> f.textNode(String.valueOf(v.get()));
    };
  }

  // ---- small helpers

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  static StringValue string(String s, boolean indexed) {
    boolean fits = s.getBytes(StandardCharsets.UTF_8).length <= MAX_INDEXED_BYTES;
    return StringValue.newBuilder(s).setExcludeFromIndexes(!(indexed && fits)).build();
  }

  /** A string or text property; Python's text may also arrive as a blob of UTF-8. */
  static String text(BaseEntity<?> e, String name) {
    if (!e.contains(name)) {
      return null;
    }
    Value<?> v = e.getValue(name);
    return switch (v.getType()) {
      case STRING -> (String) v.get();
      case BLOB -> new String(((BlobValue) v).get().toByteArray(), StandardCharsets.UTF_8);
      default -> null;
    };
  }

  static Timestamp timestamp(Instant i) {
    return Timestamp.ofTimeSecondsAndNanos(i.getEpochSecond(), i.getNano());
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static ObjectNode objectOrEmpty(String json) {
    JsonNode n = parseOrNull(json);
    return n instanceof ObjectNode o ? o.deepCopy() : Json.object();
  }

  private static JsonNode parseOrNull(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.parse(json);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
