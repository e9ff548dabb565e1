package org.oauthdropins.datastore;

import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreOptions;
import com.google.cloud.datastore.spi.v1.DatastoreRpc;
import com.google.datastore.v1.AllocateIdsRequest;
import com.google.datastore.v1.AllocateIdsResponse;
import com.google.datastore.v1.BeginTransactionRequest;
import com.google.datastore.v1.BeginTransactionResponse;
import com.google.datastore.v1.CommitRequest;
import com.google.datastore.v1.CommitResponse;
import com.google.datastore.v1.LookupRequest;
import com.google.datastore.v1.LookupResponse;
import com.google.datastore.v1.ReadOptions;
import com.google.datastore.v1.ReserveIdsRequest;
import com.google.datastore.v1.ReserveIdsResponse;
import com.google.datastore.v1.RollbackRequest;
import com.google.datastore.v1.RollbackResponse;
import com.google.datastore.v1.RunAggregationQueryRequest;
import com.google.datastore.v1.RunAggregationQueryResponse;
import com.google.datastore.v1.RunQueryRequest;
import com.google.datastore.v1.RunQueryResponse;
import com.google.datastore.v1.TransactionOptions;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A Datastore client whose transactions begin with their first read instead of a round trip of
 * their own. The client asks for a transaction ({@code BeginTransaction}) before anything is read;
 * the API also begins one inside the first lookup or query ({@code ReadOptions.new_transaction},
 * the response carrying its id), and commits one with no read in the commit itself ({@code
 * CommitRequest.single_use_transaction}). This RPC layer, under an unchanged client, answers the
 * begin with a placeholder id and puts the real begin into the first request that names it: a
 * read-modify-write is one lookup and one commit, the same transaction with the same isolation.
 */
final class LazyBegin implements DatastoreRpc {

  /** A placeholder id: never an id Datastore issued, which are opaque bytes of its own. */
  private static final String PREFIX = "oauth-dropins-lazy-begin:";

  private final DatastoreRpc rpc;
  private final AtomicLong next = new AtomicLong();

  /** The open transactions by placeholder: their options, then the id the first read returned. */
  private final Map<ByteString, Pending> open = new ConcurrentHashMap<>();

  private static final class Pending {
    final TransactionOptions options;
    volatile ByteString id;

    Pending(TransactionOptions options) {
      this.options = options;
    }
  }

  private LazyBegin(DatastoreRpc rpc) {
    this.rpc = rpc;
  }

  /**
   * The same client (project, namespace, host, credentials, transport, and its RPC layer, whose
   * connections are shared) with its transactions begun lazily.
   */
  static Datastore wrap(Datastore datastore) {
    DatastoreOptions options = datastore.getOptions();
    if (!(options.getRpc() instanceof DatastoreRpc rpc)) {
      return datastore;
    }
    LazyBegin lazy = new LazyBegin(rpc);
    return options.toBuilder().setServiceRpcFactory(o -> lazy).build().getService();
  }

  @Override
  public BeginTransactionResponse beginTransaction(BeginTransactionRequest request) {
    ByteString placeholder =
        ByteString.copyFrom(PREFIX + next.incrementAndGet(), StandardCharsets.US_ASCII);
    open.put(placeholder, new Pending(request.getTransactionOptions()));
    return BeginTransactionResponse.newBuilder().setTransaction(placeholder).build();
  }

  @Override
  public LookupResponse lookup(LookupRequest request) {
    return read(
        request.getReadOptions(),
        o -> rpc.lookup(request.toBuilder().setReadOptions(o).build()),
        LookupResponse::getTransaction);
  }

  @Override
  public RunQueryResponse runQuery(RunQueryRequest request) {
    return read(
        request.getReadOptions(),
        o -> rpc.runQuery(request.toBuilder().setReadOptions(o).build()),
        RunQueryResponse::getTransaction);
  }

  @Override
  public RunAggregationQueryResponse runAggregationQuery(RunAggregationQueryRequest request) {
    return read(
        request.getReadOptions(),
        o -> rpc.runAggregationQuery(request.toBuilder().setReadOptions(o).build()),
        RunAggregationQueryResponse::getTransaction);
  }

  /**
   * A read sent with its options, those of a placeholder's transaction replaced: by the real id
   * once a read began it, else by the options that begin it in this read ({@code begun} takes the
   * id from the answer).
   */
  private <R> R read(
      ReadOptions asked, Function<ReadOptions, R> send, Function<R, ByteString> begun) {
    Pending p = asked.hasTransaction() ? open.get(asked.getTransaction()) : null;
    if (p == null) {
      return send.apply(asked);
    }
    synchronized (p) {
      if (p.id != null) {
        return send.apply(ReadOptions.newBuilder().setTransaction(p.id).build());
      }
      R answer = send.apply(beginning(p.options));
      p.id = begun.apply(answer);
      return answer;
    }
  }

  /** Commits in the transaction its read began, or, with nothing read, begins it in the commit. */
  @Override
  public CommitResponse commit(CommitRequest request) {
    if (!request.hasTransaction()) {
      return rpc.commit(request);
    }
    Pending p = open.remove(request.getTransaction());
    if (p == null) {
      return rpc.commit(request);
    }
    CommitRequest.Builder b = request.toBuilder();
    if (p.id != null) {
      b.setTransaction(p.id);
    } else {
      // A single-use transaction is read-write; one that read nothing has nothing else to keep.
      b.setSingleUseTransaction(
          TransactionOptions.newBuilder()
              .setReadWrite(
                  p.options.hasReadWrite()
                      ? p.options.getReadWrite()
                      : TransactionOptions.ReadWrite.getDefaultInstance()));
    }
    return rpc.commit(b.build());
  }

  /** Rolls back a transaction that began; one that never did has nothing to roll back. */
  @Override
  public RollbackResponse rollback(RollbackRequest request) {
    Pending p = open.remove(request.getTransaction());
    if (p == null) {
      // One of ours already committed or rolled back: Datastore never knew its placeholder.
      return isPlaceholder(request.getTransaction())
          ? RollbackResponse.getDefaultInstance()
          : rpc.rollback(request);
    }
    if (p.id == null) {
      return RollbackResponse.getDefaultInstance();
    }
    return rpc.rollback(request.toBuilder().setTransaction(p.id).build());
  }

  private static boolean isPlaceholder(ByteString id) {
    return id.startsWith(ByteString.copyFrom(PREFIX, StandardCharsets.US_ASCII));
  }

  private static ReadOptions beginning(TransactionOptions options) {
    TransactionOptions o =
        options.hasReadOnly() || options.hasReadWrite()
            ? options
            : options.toBuilder()
                .setReadWrite(TransactionOptions.ReadWrite.getDefaultInstance())
                .build();
    return ReadOptions.newBuilder().setNewTransaction(o).build();
  }

  @Override
  public AllocateIdsResponse allocateIds(AllocateIdsRequest request) {
    return rpc.allocateIds(request);
  }

  @Override
  public ReserveIdsResponse reserveIds(ReserveIdsRequest request) {
    return rpc.reserveIds(request);
  }

  /** The wrapped layer is the original client's, which its owner closes. */
  @Override
  public void close() {}

  @Override
  public boolean isClosed() {
    return rpc.isClosed();
  }
}
