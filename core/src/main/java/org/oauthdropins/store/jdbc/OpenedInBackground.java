package org.oauthdropins.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.oauthdropins.errors.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections of a database that is opened, and its schema checked, on a thread of its own, so that
 * an app's start-up does not wait for it: opening the embedded H2 database (loading some 600 of its
 * classes, reading the file, running the schema's DDL) was about a third of a one-site app's time
 * from {@code java -jar} to its first page, which rarely needs the store. Every store operation
 * waits until the database is open; a failure to open is logged when it happens and then fails
 * every operation, so it is never lost.
 */
// close() may throw InterruptedException (it waits for the opener); its callers handle Exception.
@SuppressWarnings("try")
final class OpenedInBackground implements Connections, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OpenedInBackground.class);

  private final Connections connections;
  private final AutoCloseable onClose;
  private final Duration wait;

  /** Completes when the database is open, or with what kept it from opening. */
  private final CompletableFuture<Void> opened = new CompletableFuture<>();

  /**
   * Starts opening.
   *
   * @param open opens the database and creates its schema through {@code connections}
   * @param wait how long an operation waits for the database to open before the store counts as
   *     unavailable
   */
  OpenedInBackground(Connections connections, AutoCloseable onClose, Runnable open, Duration wait) {
    this.connections = connections;
    this.onClose = onClose;
    this.wait = wait;
    Thread opener =
        new Thread(
            () -> {
              try {
                open.run();
                opened.complete(null);
              } catch (Throwable e) {
                // A StoreUnavailableException was logged where it was made, with the database's
                // text scrubbed; anything else is logged here, as it would have reached the app.
                if (!(e instanceof StoreUnavailableException)) {
                  LOG.error("the credential store could not be opened: {}", e.getClass().getName());
                }
                opened.completeExceptionally(e);
              }
            },
            "oauth-dropins-store-open");
    opener.setDaemon(true);
    opener.start();
  }

  @Override
  public Connection take() throws SQLException {
    awaitOpen();
    return connections.take();
  }

  @Override
  public void give(Connection c, boolean failed) throws SQLException {
    connections.give(c, failed);
  }

  private void awaitOpen() throws SQLException {
    try {
      opened.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StoreUnavailableException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new SQLException(
          "the credential store could not be opened",
          cause instanceof SQLException sql ? sql.getSQLState() : null,
          cause);
    } catch (TimeoutException e) {
      throw new SQLTimeoutException("the credential store is still being opened");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", e);
    }
  }

  /**
   * Closes the database once it has finished opening, so that no connection opened after this
   * returns keeps the database (and an H2 file's lock) open.
   */
  @Override
  public void close() throws Exception {
    try {
      opened.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Closed anyway: whatever did open is closed.
    }
    onClose.close();
  }
}
