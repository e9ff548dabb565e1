package org.oauthdropins.internal.seal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.keys.CannotOpenException;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.LoginStore;

/**
 * Stored logins sealed at rest, over a raw {@link LoginStore}: the access token (a bearer value, an
 * OAuth 1 key and secret), the refresh token and every credential inside the profile and the extra
 * data are sealed, each for its row's key and its field, so that a value copied to another row or
 * field does not open. Rows stored before sealing began are read as they are. A row the ring cannot
 * open is a 503 naming the key id, and is never written over: a put, a refresh and a re-seal leave
 * it as it is; only {@link #delete} (the app forgetting the login) removes it. Public for the
 * stores of other modules.
 */
public final class SealedLogins implements LoginStore {

  /** How often a write-back tries again when only a re-seal changed the row in between. */
  private static final int TRIES = 10;

  private final LoginStore raw;
  private final Sealing sealing;
  private final KeyCheck check;
  private final boolean rawGuards;

  /**
   * @param raw the store's own logins, which keep what they are given
   * @param sealing the ring and which sites are sealed
   * @param check the key check that runs before the first use
   */
  public SealedLogins(LoginStore raw, Sealing sealing, KeyCheck check) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.sealing = Objects.requireNonNull(sealing, "sealing");
    this.check = Objects.requireNonNull(check, "check");
    this.rawGuards = raw instanceof SealedRowGuard.Guarded;
  }

  @Override
  public Optional<AuthRecord> get(Key key) {
    check.ensure();
    return raw.get(key).map(this::open);
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    check.ensure();
    AuthRecord sealed = seal(record);
    for (int i = 0; ; i++) {
      if (!rawGuards) {
        // A row that does not open is not overwritten: the right ring may still open it.
        raw.get(record.key()).ifPresent(this::open);
      }
      try {
        return opened(record, sealed, raw.put(sealed));
      } catch (SealedRowGuard.KeptRowException e) {
        explainKept(record.key(), i);
      }
    }
  }

  @Override
  public Optional<AuthRecord> putSpendingState(AuthRecord record, String state, Instant until) {
    check.ensure();
    AuthRecord sealed = seal(record);
    for (int i = 0; ; i++) {
      if (!rawGuards) {
        // As put: a row that does not open is not overwritten.
        raw.get(record.key()).ifPresent(this::open);
      }
      try {
        return raw.putSpendingState(sealed, state, until).map(w -> opened(record, sealed, w));
      } catch (SealedRowGuard.KeptRowException e) {
        explainKept(record.key(), i);
      }
    }
  }

  /**
   * After a raw store kept a row it took for unopenable: the 503 naming the row's key id, from
   * opening it. If it opens now (a re-seal or a write came in between), the write is tried again, a
   * few times.
   */
  private void explainKept(Key key, int attempt) {
    raw.get(key).ifPresent(this::open);
    if (attempt >= TRIES) {
      throw new StoreUnavailableException(
          "the stored login kept changing under its write; try again", null);
    }
  }

  @Override
  public boolean spendState(String state, Instant until) {
    check.ensure();
    return raw.spendState(state, until);
  }

  @Override
  public boolean delete(Key key) {
    return raw.delete(key);
  }

  /**
   * The compare-and-set on the tokens, with sealed tokens that differ on every write: the opened
   * tokens of the stored row are compared with {@code spent}, then the raw row's values are the
   * expected ones of the raw compare-and-set. If only a re-seal changed the row in between, it is
   * read and compared again.
   */
  @Override
  public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
    check.ensure();
    AuthRecord sealed = seal(fresh);
    for (int i = 0; i < TRIES; i++) {
      Optional<AuthRecord> stored = raw.get(fresh.key());
      if (stored.isEmpty() || !open(stored.get()).sameTokensAs(spent)) {
        return Optional.empty();
      }
      Optional<AuthRecord> written = raw.putIfTokensUnchanged(stored.get(), sealed);
      if (written.isPresent()) {
        return written.map(w -> opened(fresh, sealed, w));
      }
    }
    return Optional.empty();
  }

  @Override
  public List<AuthRecord> page(Key after, int limit) {
    check.ensure();
    return raw.page(after, limit).stream().map(this::open).toList();
  }

  @Override
  public String urlsafe(Key key) {
    return raw.urlsafe(key);
  }

  // ---- one record

  /**
   * What a raw store answered for a write of {@code sealed}, opened: when it is the sealed record
   * with the store's times, the caller's own {@code plain} record with those times, since opening
   * what was sealed a moment ago gives it back (and costs a decryption per sealed value on every
   * callback); else (a store that read the row back with more in it) the answer opened.
   */
  private AuthRecord opened(AuthRecord plain, AuthRecord sealed, AuthRecord written) {
    return written.withTimes(sealed.created(), sealed.updated()).equals(sealed)
        ? plain.withTimes(written.created(), written.updated())
        : open(written);
  }

  /**
   * The associated data a login's field is sealed for: public for a store that seals some fields
   * itself (the Datastore store's Java-only properties), so that this decorator opens them.
   */
  public static String context(Key key, String field) {
    return Sealing.context("login", key.kind(), key.id(), field);
  }

  /**
   * A JSON document of a login ({@code field} {@code user_json} or {@code extra_json}; or the part
   * of one that holds some of its top-level fields) with each credential sealed under the ring for
   * its place, as this decorator seals the documents of a sealed site, so that it opens them; a
   * credential already sealed (by this decorator) is kept as it is. Public for a store that keeps
   * part of a login where only Java reads it, and seals it whatever the site (the Datastore store's
   * sidecar).
   */
  public static String sealDocument(KeyRing ring, Key key, String field, String doc) {
    return SealedJson.seal(
        doc,
        field,
        (json, at) -> {
          JsonNode v = Json.parse(json);
          return v.isTextual() && KeyRing.isSealed(v.asText())
              ? v.asText()
              : ring.seal(json, context(key, at));
        });
  }

  /**
   * A document {@link #sealDocument} wrote, opened, if each credential in it is sealed under the
   * ring's first key and opens; else null, since a re-seal must write it again (a credential still
   * plain, or under an older key), or this decorator reports the key id of one that does not open.
   */
  public static String openDocumentIfCurrent(KeyRing ring, Key key, String field, String doc) {
    try {
      return Sealing.of(ring).currentDocument(doc, true)
          ? SealedJson.open(doc, field, (v, at) -> ring.open(v, context(key, at)))
          : null;
    } catch (CannotOpenException e) {
      return null;
    }
  }

  /**
   * Whether two stored records hold the same tokens once opened, however each was sealed (a value
   * sealed twice differs in its text); a value the ring does not open makes them differ. Public for
   * a store that seals some tokens itself, for the compare-and-set of {@link
   * #putIfTokensUnchanged}.
   */
  public static boolean sameOpenedTokens(KeyRing ring, AuthRecord a, AuthRecord b) {
    try {
      return openedTokens(ring, a).sameTokensAs(openedTokens(ring, b));
    } catch (CannotOpenException e) {
      return false;
    }
  }

  private static AuthRecord openedTokens(KeyRing ring, AuthRecord r) {
    BiFunction<String, String, String> open =
        (v, context) -> KeyRing.isSealed(v) ? ring.open(v, context) : v;
    Key k = r.key();
    return new AuthRecord(
        k,
        r.site(),
        tokens(r.token(), k, open),
        open.apply(r.refreshToken(), context(k, "refresh_token")),
        r.expiresAt(),
        r.userJson(),
        r.extraJson(),
        r.created(),
        r.updated());
  }

  /** The record as it is stored: sealed if its site is sealed, else as it is. */
  AuthRecord seal(AuthRecord r) {
    if (!sealing.seals(r.site())) {
      return r;
    }
    Key k = r.key();
    AccessToken token = tokens(r.token(), k, sealing::seal);
    return new AuthRecord(
        k,
        r.site(),
        token,
        sealing.seal(r.refreshToken(), context(k, "refresh_token")),
        r.expiresAt(),
        SealedJson.seal(r.userJson(), "user_json", (v, at) -> sealing.seal(v, context(k, at))),
        SealedJson.seal(r.extraJson(), "extra_json", (v, at) -> sealing.seal(v, context(k, at))),
        r.created(),
        r.updated());
  }

  /** The access token with each of its values sealed or opened for its place. */
  private static AccessToken tokens(
      AccessToken token, Key k, BiFunction<String, String, String> step) {
    if (token instanceof AccessToken.Bearer b) {
      return new AccessToken.Bearer(step.apply(b.value(), context(k, "token")));
    }
    if (token instanceof AccessToken.OAuth1 o) {
      return new AccessToken.OAuth1(
          step.apply(o.key(), context(k, "token")),
          step.apply(o.secret(), context(k, "token_secret")));
    }
    return token;
  }

  /**
   * A stored record opened.
   *
   * @throws org.oauthdropins.errors.StoreUnavailableException naming the key id of a value that
   *     does not open
   */
  AuthRecord open(AuthRecord r) {
    return open(sealing, r);
  }

  /** {@link #open(AuthRecord)} for a sealing: for the guard a raw store runs in its own write. */
  static AuthRecord open(Sealing sealing, AuthRecord r) {
    Key k = r.key();
    AccessToken token = tokens(r.token(), k, sealing::open);
    return new AuthRecord(
        k,
        r.site(),
        token,
        sealing.open(r.refreshToken(), context(k, "refresh_token")),
        r.expiresAt(),
        SealedJson.open(r.userJson(), "user_json", (v, at) -> sealing.open(v, context(k, at))),
        SealedJson.open(r.extraJson(), "extra_json", (v, at) -> sealing.open(v, context(k, at))),
        r.created(),
        r.updated());
  }

  /**
   * Whether a stored record is as this store writes it now: every secret sealed under the ring's
   * first key where its site is sealed, none sealed where it is not.
   */
  boolean current(AuthRecord r) {
    boolean seals = sealing.seals(r.site());
    Predicate<String> ok = v -> sealing.current(v, seals);
    boolean token =
        r.token() instanceof AccessToken.Bearer b
            ? ok.test(b.value())
            : !(r.token() instanceof AccessToken.OAuth1 o)
                || ok.test(o.key()) && ok.test(o.secret());
    return token
        && ok.test(r.refreshToken())
        && sealing.currentDocument(r.userJson(), seals)
        && sealing.currentDocument(r.extraJson(), seals);
  }
}
