package org.oauthdropins.datastore;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.ValueType;
import java.util.List;
import java.util.Map;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.keys.CannotOpenException;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.Key;

/**
 * The secrets of a login that only Java reads: those on its sidecar ({@link
 * PythonKinds#SIDECAR_KIND}), where a Python kind's login keeps what its Python model has no
 * property for (a Reddit access token, a GitHub or Dropbox refresh token). No Python app reads
 * them, so they are sealed even where the store keeps the Python kinds' own properties as Python
 * writes them.
 *
 * <p>They are sealed for the place {@code SealedLogins} (the store's sealing decorator) seals a
 * login's fields, so that it opens them as it opens its own, and a re-seal, which finds them sealed
 * in a login it keeps plain, writes them again under the ring's first key. A value that arrives
 * sealed (the decorator sealed the whole login) is kept as it is.
 */
final class JavaOnlySecrets {

  /** The sidecar's secret properties and the login field each holds. */
  static final Map<String, String> FIELDS =
      Map.of(
          EntityMapper.JAVA_TOKEN, "token",
          EntityMapper.JAVA_TOKEN_SECRET, "token_secret",
          EntityMapper.JAVA_REFRESH_TOKEN, "refresh_token");

  /** Keeps the sidecar as it is given: the store's rows as they are held, for tests. */
  static final JavaOnlySecrets NONE = new JavaOnlySecrets(null);

  private final KeyRing ring;

  JavaOnlySecrets(KeyRing ring) {
    this.ring = ring;
  }

  /**
   * The associated data of a login's field: the one {@code SealedLogins} gives, the JSON array
   * {@code ["login", kind, id, field]}.
   */
  static String context(Key key, String field) {
    return Json.write(List.of("login", key.kind(), key.id(), field));
  }

  /** The sidecar with each secret that is still plain sealed. */
  Entity seal(Key key, Entity side) {
    if (side == null || ring == null) {
      return side;
    }
    Entity.Builder b = Entity.newBuilder(side);
    FIELDS.forEach(
        (property, field) -> {
          String v = plain(side, property);
          if (v != null && !KeyRing.isSealed(v)) {
            b.set(property, EntityMapper.string(ring.seal(v, context(key, field)), false));
          }
        });
    return b.build();
  }

  /**
   * The sidecar with its secrets opened, if every sealed one is under the ring's first key and
   * opens; else null. A re-seal reads a login this way when its sidecar needs nothing, so that only
   * the logins that do need it are written again.
   */
  Entity openIfCurrent(Key key, Entity side) {
    if (ring == null) {
      return null;
    }
    Entity.Builder b = Entity.newBuilder(side);
    for (Map.Entry<String, String> f : FIELDS.entrySet()) {
      String v = plain(side, f.getKey());
      if (!KeyRing.isSealed(v)) {
        continue;
      }
      try {
        if (KeyRing.keyIdOf(v) != ring.primaryId()) {
          return null;
        }
        b.set(f.getKey(), EntityMapper.string(ring.open(v, context(key, f.getValue())), false));
      } catch (CannotOpenException e) {
        return null; // the decorator opens it again and reports the key id
      }
    }
    return b.build();
  }

  private static String plain(Entity side, String property) {
    return side.contains(property) && side.getValue(property).getType() == ValueType.STRING
        ? side.getString(property)
        : null;
  }
}
