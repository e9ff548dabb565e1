package org.oauthdropins.datastore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Transaction;
import com.google.cloud.datastore.ValueType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.LoginStore;

/**
 * {@link DatastoreStore}'s logins: the Python library's auth entities ({@code GitHubAuth} with
 * {@code access_token_str}, {@code user_json}...; see {@code PythonKinds} and {@code
 * EntityMapper}), and beside each a Java sidecar for what Python has no property for.
 */
final class DatastoreLogins implements LoginStore {

  private final Backend b;
  private final DatastoreRegistrations apps;

  DatastoreLogins(Backend b, DatastoreRegistrations apps) {
    this.b = b;
    this.apps = apps;
  }

  private Key key(org.oauthdropins.store.Key key) {
    return b.key(key.kind(), PythonKinds.escape(key.id()));
  }

  private Key sidecarKey(org.oauthdropins.store.Key key) {
    return b.key(PythonKinds.SIDECAR_KIND, key.kind() + " " + key.id());
  }

  /** The Python library's form, so that a Python app sharing this Datastore parses it too. */
  @Override
  public String urlsafe(org.oauthdropins.store.Key key) {
    return key.pythonUrlsafe(
        b.datastore.getOptions().getProjectId(), b.datastore.getOptions().getNamespace());
  }

  @Override
  public Optional<AuthRecord> get(org.oauthdropins.store.Key key) {
    return Backend.call(
        () -> {
          Map<Key, Entity> found = new HashMap<>();
          b.datastore
              .get(key(key), sidecarKey(key))
              .forEachRemaining(e -> found.put(e.getKey(), e));
          Entity e = found.get(key(key));
          return Optional.ofNullable(e).map(x -> read(key, x, found.get(sidecarKey(key))));
        });
  }

  private AuthRecord read(org.oauthdropins.store.Key key, Entity e, Entity side) {
    return EntityMapper.fromEntity(key, e, side, appOf(e));
  }

  /**
   * The registration a Mastodon or Pixelfed login's {@code app} names: Python keeps the login's
   * instance there only, and it is the client the login's tokens were issued to.
   */
  private Entity appOf(Entity e) {
    if (!e.contains("app") || e.getValue("app").getType() != ValueType.KEY) {
      return null;
    }
    return b.datastore.get(e.getKey("app"));
  }

  /**
   * The registration a Mastodon or Pixelfed login used, for its Python {@code app} property: the
   * one with the login's client id where it names one, else this app's at the instance.
   */
  private Key appKeyOf(AuthRecord record) {
    if (!PythonKinds.APP_KINDS.containsKey(record.site())) {
      return null;
    }
    JsonNode extra = Json.parse(record.extraJson());
    String typed = Json.text(extra, "instance");
    if (typed == null) {
      return null;
    }
    String instance = PythonKinds.javaInstance(typed);
    String clientId = Json.text(extra, "client_id");
    return Backend.call(
        () ->
            (clientId == null
                    ? apps.mine(record.site(), instance)
                    : apps.withClientId(record.site(), instance, clientId))
                .map(Entity::getKey)
                .orElse(null));
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    return write(record, null, appKeyOf(record)).orElseThrow();
  }

  @Override
  public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
    return write(fresh, spent, appKeyOf(fresh));
  }

  /**
   * Writes a record and its sidecar in one transaction, over the stored entity (so that Python's
   * properties that Java does not map stay); with {@code spent}, only while the stored tokens are
   * still those.
   */
  private Optional<AuthRecord> write(AuthRecord record, AuthRecord spent, Key appKey) {
    Key k = key(record.key());
    Key sk = sidecarKey(record.key());
    Instant now = b.clock.instant();
    return b.inTransaction(
        tx -> {
          Map<Key, Entity> found = new HashMap<>();
          tx.get(k, sk).forEachRemaining(e -> found.put(e.getKey(), e));
          Entity old = found.get(k);
          if (old == null && spent == null) {
            old = pythonEntityOfSameUser(tx, record);
          }
          if (spent != null
              && (old == null || !read(record.key(), old, found.get(sk)).sameTokensAs(spent))) {
            return Optional.<AuthRecord>empty();
          }
          Instant created =
              old != null && old.contains(EntityMapper.CREATED)
                  ? EntityMapper.instant(old.getTimestamp(EntityMapper.CREATED))
                  : now;
          EntityMapper.Written w =
              EntityMapper.toEntity(k, sk, record, created, now, old, appKey, spent == null);
          tx.put(w.main());
          if (w.sidecar() != null) {
            tx.put(w.sidecar());
          } else if (found.containsKey(sk)) {
            tx.delete(sk);
          }
          // Returned as it reads back, so the caller sees what any later get sees.
          return Optional.of(read(record.key(), w.main(), w.sidecar()));
        });
  }

  /**
   * The Python library's entity of the same user under the key Python gave it, when a Java login
   * first writes its own key ({@link PythonKinds#MOVED_KEYS}): found by the old key name that the
   * new login carries, and taken as the same user only as the kind's rule allows (the same
   * immutable id in both profiles, for a name). The new entity is written over its properties (its
   * first-login time, what Python declared and Java does not map); the old entity stays, since
   * Python apps and their {@code auth_entity} links use it.
   */
  private Entity pythonEntityOfSameUser(Transaction tx, AuthRecord record) {
    PythonKinds.MovedKey moved = PythonKinds.MOVED_KEYS.get(record.key().kind());
    if (moved == null) {
      return null;
    }
    String name;
    try {
      name = moved.oldName().apply(record);
    } catch (IllegalArgumentException e) {
      return null; // a profile or extra that is not JSON names no old key
    }
    if (name == null || name.isBlank() || name.equals(record.key().id())) {
      return null;
    }
    Entity old = tx.get(key(new org.oauthdropins.store.Key(record.key().kind(), name)));
    return old != null && moved.sameUser().test(old, record) ? old : null;
  }

  @Override
  public boolean delete(org.oauthdropins.store.Key key) {
    Key k = key(key);
    Key sk = sidecarKey(key);
    return b.inTransaction(
        tx -> {
          if (tx.get(k) == null) {
            return false;
          }
          tx.delete(k, sk);
          return true;
        });
  }
}
