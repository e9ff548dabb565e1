package org.oauthdropins.engine.oauth2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A part of the OAuth 2 pipeline: where the app's client at a login's server comes from. Fixed
 * credentials; a registration made per instance and kept in the store (Mastodon, Pixelfed); a
 * client id that is a URL serving the client's metadata (IndieAuth, atproto).
 */
public interface ClientSource {

  /**
   * The client for a login that is starting at a server.
   *
   * @throws org.oauthdropins.errors.BadRequestException if the request asks for what the client may
   *     not
   * @throws ProviderException if a registration fails
   */
  Client client(AuthorizeRequest request, Server server, HttpTransport transport);

  /**
   * Whether logins may differ in their client, which the pipeline then keeps in the pending login
   * (a login finishes with the client it started with) and in the stored login (refresh uses it).
   */
  default boolean perLogin() {
    return true;
  }

  /** The client a stored login was made with, for refresh; empty if it is gone or unknown. */
  Optional<Client> of(AuthRecord record, Server server, AuthStore store);

  /**
   * The client a stored login was made with, to revoke its tokens: as {@link #of} by default; a
   * source whose {@link #of} answers only logins that can refresh answers every login here.
   */
  default Optional<Client> forRevocation(AuthRecord record, Server server, AuthStore store) {
    return of(record, server, store);
  }

  /**
   * The one client of a source that is not {@link #perLogin()}, for the callback of a login it
   * started.
   *
   * @throws UnsupportedOperationException for a per-login source, whose logins keep their client
   */
  default Client current() {
    throw new UnsupportedOperationException("a per-login client is kept with each login");
  }

  /**
   * Writes into a new login's stored extra data what {@link #of(AuthRecord, Server, AuthStore)}
   * reads back, for a per-login source; a field the site's identity already wrote is left as it
   * wrote it. Nothing by default.
   */
  default void remember(Client client, ObjectNode extra) {}

  /**
   * Told when the server refused a token request of this client, before the error reaches the user:
   * a source that registers may confirm that the server forgot the registration and drop it.
   * Returns the error to throw.
   */
  default ProviderException refused(
      Client client, Server server, ProviderException error, AuthStore store) {
    return error;
  }

  /** The same client for every login. */
  static ClientSource fixed(Client client) {
    return new ClientSource() {
      @Override
      public Client client(AuthorizeRequest request, Server server, HttpTransport transport) {
        return client;
      }

      @Override
      public boolean perLogin() {
        return false;
      }

      @Override
      public Optional<Client> of(AuthRecord record, Server server, AuthStore store) {
        return Optional.of(client);
      }

      @Override
      public Client current() {
        return client;
      }
    };
  }
}
