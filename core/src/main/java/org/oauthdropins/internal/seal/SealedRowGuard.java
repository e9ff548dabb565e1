package org.oauthdropins.internal.seal;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;

/**
 * What a raw login store needs to refuse, in its own write, to go over a row its ring cannot open,
 * so that {@link SealedLogins} need not read the row first: a round trip less per login on a
 * database server.
 *
 * <p>A raw store keeps a <em>stamp</em> beside each row it writes: the id and {@link
 * KeyRing#checkValue check value} of the key that sealed the row's tokens (every sealed value of a
 * row is written by one seal, under the ring's first key). A write may go over a row whose stamp is
 * one of the ring's keys'; a row without a stamp (written before stamps, or not sealed) only if
 * each of its token columns is empty, plain or sealed under a key id of the ring, which the store's
 * {@link KeyCheck} record vouches for. Any other row is kept: the raw store throws {@link
 * KeptRowException}, or, where its one statement cannot tell that from a spent state, writes
 * nothing and answers as for one; the decorator then reads the row to name the key id in its 503.
 */
public final class SealedRowGuard {

  private final Sealing sealing;

  /** The guard for the ring of this sealing, read when first needed. */
  public SealedRowGuard(Sealing sealing) {
    this.sealing = Objects.requireNonNull(sealing, "sealing");
  }

  /** The stamp to keep beside a row as it is written (sealed), or null if nothing in it is. */
  public String stamp(AuthRecord written) {
    return tokenColumns(written)
        .filter(KeyRing::isSealed)
        .findFirst()
        .map(v -> stampOf(sealing.ring(), KeyRing.keyIdOf(v)))
        .orElse(null);
  }

  /**
   * Whether a stored row may be written over.
   *
   * @param stamp the row's stamp, or null
   * @param tokenValues the row's token columns as stored (token, token secret, refresh token), any
   *     of them null
   */
  public boolean mayOverwrite(String stamp, List<String> tokenValues) {
    KeyRing ring = sealing.ring();
    if (stamp != null) {
      return ring.ids().stream().anyMatch(id -> stampOf(ring, id).equals(stamp));
    }
    return tokenValues.stream().allMatch(v -> !KeyRing.isSealed(v) || ring.has(KeyRing.keyIdOf(v)));
  }

  /**
   * For a raw store that reads the row in the transaction of its write anyway (the Datastore
   * store's): the exact test, opening every sealed value of the stored row, before anything is
   * written.
   *
   * @throws org.oauthdropins.errors.StoreUnavailableException naming the key id of a value that
   *     does not open, which should roll the write back
   */
  public void requireOpens(AuthRecord stored) {
    SealedLogins.open(sealing, stored);
  }

  /**
   * The same test as an SQL condition on the stored row. Stamps and ids hold only base64url
   * characters, digits and a colon, so they are written into the text as literals.
   *
   * @param stampColumn the stamp's column, qualified as the statement needs, e.g. {@code t.stamp}
   * @param tokenColumns the token columns, so qualified
   */
  public String sql(String stampColumn, List<String> tokenColumns) {
    KeyRing ring = sealing.ring();
    String stamps =
        ring.ids().stream()
            .map(id -> "'" + stampOf(ring, id) + "'")
            .collect(Collectors.joining(", "));
    String unstamped =
        tokenColumns.stream().map(c -> opens(c, ring.ids())).collect(Collectors.joining(" AND "));
    return "("
        + stampColumn
        + " IN ("
        + stamps
        + ") OR "
        + stampColumn
        + " IS NULL AND "
        + unstamped
        + ")";
  }

  /**
   * Prefixes are compared with {@code SUBSTRING}, not {@code LIKE}: H2 parses a statement with a
   * {@code LIKE} in it again at every run (it keeps no parsed form of it), which made the embedded
   * store's login write parse a statement per login.
   */
  private static String opens(String column, List<Integer> ids) {
    String sealed = KeyRing.SEALED_PREFIX;
    StringBuilder b = new StringBuilder("(").append(column).append(" IS NULL OR ");
    b.append(startsWith(column, sealed, false));
    for (int id : ids) {
      b.append(" OR ").append(startsWith(column, sealed + id + "}", true));
    }
    return b.append(')').toString();
  }

  /** Whether a column's value starts (or does not) with a literal of SQL-safe characters. */
  private static String startsWith(String column, String prefix, boolean does) {
    return "SUBSTRING("
        + column
        + " FROM 1 FOR "
        + prefix.length()
        + (does ? ") = '" : ") <> '")
        + prefix
        + "'";
  }

  private static String stampOf(KeyRing ring, int id) {
    return id + ":" + ring.checkValue(id);
  }

  private static Stream<String> tokenColumns(AuthRecord r) {
    Stream<String> token =
        r.token() instanceof AccessToken.Bearer b
            ? Stream.of(b.value())
            : r.token() instanceof AccessToken.OAuth1 o
                ? Stream.of(o.key(), o.secret())
                : Stream.empty();
    return Stream.concat(token, Stream.of(r.refreshToken())).filter(Objects::nonNull);
  }

  /**
   * A raw login store that applies the guard in its own writes, by {@link #sql}, {@link
   * #mayOverwrite} or {@link #requireOpens}: {@link SealedLogins} then writes without reading the
   * row first.
   */
  public interface Guarded {}

  /** A raw store's write left a row as it was because its ring cannot open it. */
  public static final class KeptRowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A write that left its row. */
    public KeptRowException() {
      super(
          "the stored row is sealed under a key the ring lacks; left as it is", null, false, false);
    }
  }
}
