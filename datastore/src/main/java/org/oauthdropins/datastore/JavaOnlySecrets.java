package org.oauthdropins.datastore;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.ValueType;
import java.util.Map;
import org.oauthdropins.internal.seal.SealedLogins;
import org.oauthdropins.keys.CannotOpenException;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/**
 * The secrets of a login that only Java reads: those on its sidecar ({@link
 * PythonKinds#SIDECAR_KIND}), where a Python kind's login keeps what its Python model has no
 * property for (a Reddit access token, a GitHub or Dropbox refresh token, a Google ID token in the
 * extra data, a Dropbox profile). No Python app reads them, so they are sealed even where the store
 * keeps the Python kinds' own properties as Python writes them: the token properties whole, and the
 * credentials inside the JSON documents ({@code java_extra_json}, the sidecar's {@code user_json}).
 *
 * <p>They are sealed for the place {@code SealedLogins} (the store's sealing decorator) seals a
 * login's fields, so that it opens them as it opens its own: {@code java_extra_json} holds
 * top-level fields of the login's extra data, so its credentials' places are those of the extra
 * data. A re-seal, which finds them sealed in a login it keeps plain, writes them again under the
 * ring's first key. A value that arrives sealed (the decorator sealed the whole login) is kept as
 * it is.
 */
final class JavaOnlySecrets {

  /** The sidecar's secret properties and the login field each holds. */
  static final Map<String, String> FIELDS =
      Map.of(
          EntityMapper.JAVA_TOKEN, "token",
          EntityMapper.JAVA_TOKEN_SECRET, "token_secret",
          EntityMapper.JAVA_REFRESH_TOKEN, "refresh_token");

  /** The sidecar's JSON documents and the login field whose credentials each holds. */
  static final Map<String, String> DOCUMENTS =
      Map.of(
          EntityMapper.JAVA_EXTRA_JSON, "extra_json",
          EntityMapper.USER_JSON, "user_json");

  /** Keeps the sidecar as it is given: the store's rows as they are held, for tests. */
  static final JavaOnlySecrets NONE = new JavaOnlySecrets(null);

  private final KeyRing ring;

  JavaOnlySecrets(KeyRing ring) {
    this.ring = ring;
  }

  private static String context(Key key, String field) {
    return SealedLogins.context(key, field);
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
    DOCUMENTS.forEach(
        (property, field) -> {
          String doc = plain(side, property);
          if (doc != null) {
            b.set(
                property,
                EntityMapper.string(SealedLogins.sealDocument(ring, key, field, doc), false));
          }
        });
    return b.build();
  }

  /**
   * The sidecar with its secrets opened, if every one is sealed under the ring's first key and
   * opens; else null. A re-seal reads a login this way when its sidecar needs nothing, so that only
   * the logins that do need it are written again: those with a secret under an older key, and those
   * written before sealing began, with a secret still plain.
   */
  Entity openIfCurrent(Key key, Entity side) {
    if (ring == null) {
      return null;
    }
    Entity.Builder b = Entity.newBuilder(side);
    for (Map.Entry<String, String> f : FIELDS.entrySet()) {
      String v = plain(side, f.getKey());
      if (v == null) {
        continue;
      }
      try {
        if (!KeyRing.isSealed(v) || KeyRing.keyIdOf(v) != ring.primaryId()) {
          return null;
        }
        b.set(f.getKey(), EntityMapper.string(ring.open(v, context(key, f.getValue())), false));
      } catch (CannotOpenException e) {
        return null; // the decorator opens it again and reports the key id
      }
    }
    for (Map.Entry<String, String> d : DOCUMENTS.entrySet()) {
      String doc = plain(side, d.getKey());
      if (doc == null) {
        continue;
      }
      String opened = SealedLogins.openDocumentIfCurrent(ring, key, d.getValue(), doc);
      if (opened == null) {
        return null;
      }
      b.set(d.getKey(), EntityMapper.string(opened, false));
    }
    return b.build();
  }

  /**
   * Whether two records read from the store hold the same tokens: opened, since the sidecar's are
   * sealed anew on each write, and a re-seal compares a row as it read it with the row sealed
   * since.
   */
  boolean sameTokens(AuthRecord stored, AuthRecord spent) {
    return ring == null
        ? stored.sameTokensAs(spent)
        : SealedLogins.sameOpenedTokens(ring, stored, spent);
  }

  private static String plain(Entity side, String property) {
    return side.contains(property) && side.getValue(property).getType() == ValueType.STRING
        ? side.getString(property)
        : null;
  }
}
