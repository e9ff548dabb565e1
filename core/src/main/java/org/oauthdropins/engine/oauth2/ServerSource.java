package org.oauthdropins.engine.oauth2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;

/**
 * A part of the OAuth 2 pipeline: how a login's authorization server is found. Fixed endpoints, an
 * OpenID Connect issuer's discovery document, the server an IndieAuth profile URL declares, the
 * atproto chain from handle to DID to PDS to authorization server, the Mastodon-API instance the
 * user names: each is one implementation, and the pipeline runs the same flow against whatever it
 * finds.
 */
public interface ServerSource {

  /**
   * The server for a login that is starting.
   *
   * @param request the start request (the user's input, e.g. an instance or handle, is in its web
   *     request)
   * @param transport how to reach the network within this request's time budget
   * @throws org.oauthdropins.errors.BadRequestException if the user's input is unusable
   * @throws org.oauthdropins.errors.ProviderException if the server cannot be found or answers
   *     nonsense
   */
  Server find(AuthorizeRequest request, HttpTransport transport);

  /**
   * Whether each login may have its own server, which the pipeline then keeps in the pending login
   * and in the stored login's extra data (for refresh); false when every login of the site has the
   * same one, found again when needed.
   */
  default boolean perLogin() {
    return true;
  }

  /**
   * The server a stored login was made with, for refresh and revocation: from its extra data for a
   * per-login source, the fixed one otherwise. Empty if the record does not say (a login stored
   * before the server was kept).
   */
  Optional<Server> of(AuthRecord record, HttpTransport transport);

  /**
   * The server of a pending login that an earlier version of the library kept in its own shape,
   * read from the login's raw pending data, so that a login started before an upgrade finishes
   * after it; empty by default (the login is then refused with a 400 that asks the user to sign in
   * again).
   */
  default Optional<Server> keptBefore(Map<String, String> pendingData) {
    return Optional.empty();
  }

  /**
   * The one server of a source that is not {@link #perLogin()}, for the callback of a login it
   * found: the same as {@link #find} gives every login.
   *
   * @throws UnsupportedOperationException for a per-login source, whose logins keep their server
   */
  default Server current(HttpTransport transport) {
    throw new UnsupportedOperationException("a per-login server is kept with each login");
  }

  /**
   * Writes into a new login's stored extra data what {@link #of(AuthRecord, HttpTransport)} reads
   * back, for a per-login source; a field the site's identity already wrote is left as it wrote it.
   * Nothing by default.
   */
  default void remember(Server server, ObjectNode extra) {}

  /**
   * Further parameters of a login's authorization request that come with its server, after the
   * site's fixed ones: the profile URL the user typed, which an IndieAuth server is told as {@code
   * me}. None by default.
   */
  default Map<String, String> authorizeParams(Server server) {
    return Map.of();
  }

  /** The same server for every login. */
  static ServerSource fixed(Server server) {
    return new ServerSource() {
      @Override
      public Server find(AuthorizeRequest request, HttpTransport transport) {
        return server;
      }

      @Override
      public boolean perLogin() {
        return false;
      }

      @Override
      public Optional<Server> of(AuthRecord record, HttpTransport transport) {
        return Optional.of(server);
      }

      @Override
      public Server current(HttpTransport transport) {
        return server;
      }
    };
  }
}
