package org.oauthdropins.datastore;

import com.google.cloud.BaseServiceException;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreException;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyQuery;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import com.google.cloud.datastore.Transaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.oauthdropins.errors.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link DatastoreStore}'s Datastore as its four concerns reach it: the client, the store's
 * clock, transactions retried when another writer won, and the one way a client failure becomes the
 * caller's 503.
 */
final class Backend {

  private static final Logger LOG = LoggerFactory.getLogger(DatastoreStore.class);

  /** The whole message of every failure: the client's own text goes to the log only. */
  static final String UNAVAILABLE = "the credential store is unavailable; please try again later";

  /** Attempts of a transaction that lost a race to another writer. */
  private static final int MAX_ATTEMPTS = 12;

  /** The client given, its transactions begun by their first read ({@link LazyBegin}). */
  final Datastore datastore;

  final Clock clock;

  Backend(Datastore datastore, Clock clock) {
    this.datastore = LazyBegin.wrap(datastore);
    this.clock = clock;
  }

  /** A key of this Datastore's project and namespace. */
  Key key(String kind, String name) {
    return datastore.newKeyFactory().setKind(kind).newKey(name);
  }

  /** Deletes up to {@code limit} entities of a kind whose time property is before now. */
  void deleteBefore(String kind, String property, int limit) {
    KeyQuery q =
        Query.newKeyQueryBuilder()
            .setKind(kind)
            .setFilter(PropertyFilter.lt(property, EntityMapper.timestamp(clock.instant())))
            .setLimit(limit)
            .build();
    call(
        () -> {
          List<Key> expired = new ArrayList<>();
          datastore.run(q).forEachRemaining(expired::add);
          if (!expired.isEmpty()) {
            datastore.delete(expired.toArray(Key[]::new));
          }
          return null;
        });
  }

  static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (BaseServiceException e) {
      throw unavailable(e);
    }
  }

  <T> T inTransaction(Function<Transaction, T> work) {
    for (int attempt = 1; ; attempt++) {
      Transaction tx;
      try {
        tx = datastore.newTransaction();
      } catch (BaseServiceException e) {
        throw unavailable(e);
      }
      try {
        T out = work.apply(tx);
        tx.commit();
        return out;
      } catch (DatastoreException e) {
        if (!isContention(e) || attempt >= MAX_ATTEMPTS) {
          throw unavailable(e);
        }
      } catch (BaseServiceException e) {
        throw unavailable(e);
      } finally {
        rollbackQuietly(tx);
      }
      // Another writer won this round; wait a little, with jitter, and try again.
      sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
    }
  }

  private static void rollbackQuietly(Transaction tx) {
    try {
      if (tx.isActive()) {
        tx.rollback();
      }
    } catch (RuntimeException e) {
      // The transaction is abandoned either way; Datastore expires it.
    }
  }

  private static boolean isContention(DatastoreException e) {
    return e.getCode() == 10 // gRPC ABORTED
        || e.getCode() == 409 // HTTP conflict
        || "ABORTED".equals(e.getReason());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while retrying a Datastore transaction", e);
    }
  }

  /**
   * The failure the caller sees, which says only that the store is unavailable: the client's text
   * (project, host, RPC detail) is for the log, and callers show the message in the 503 page.
   */
  private static StoreUnavailableException unavailable(BaseServiceException e) {
    LOG.warn(
        "Datastore failed: {} (code {}, reason {}): {}",
        e.getClass().getName(),
        e.getCode(),
        e.getReason(),
        String.valueOf(e.getMessage()).replace('\r', ' ').replace('\n', ' '));
    return new StoreUnavailableException(UNAVAILABLE, e);
  }
}
