package org.oauthdropins.sites.indieauth;

import java.util.Optional;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.engine.oauth2.Client;
import org.oauthdropins.engine.oauth2.ClientSource;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * The IndieAuth part that names the app as a client (§4.2): a public client whose id is the app's
 * URL, the one configured, else the origin of the start request plus {@code /}. Every server knows
 * the app by that URL alone, so there is no registration and no secret.
 */
final class ClientIdUrl implements ClientSource {

  private final String configured;

  /**
   * @param configured the app's client id URL, or null to derive it from each start request
   */
  ClientIdUrl(String configured) {
    this.configured = configured;
  }

  @Override
  public Client client(AuthorizeRequest request, Server server, HttpTransport transport) {
    return Client.publicClient(configured != null ? configured : request.appUrl() + "/");
  }

  /** The client id a stored login was made with, where {@link VouchedProfile} wrote it. */
  @Override
  public Optional<Client> of(AuthRecord record, Server server, AuthStore store) {
    return Optional.ofNullable(Json.text(Json.parse(record.extraJson()), OAuthParameters.CLIENT_ID))
        .map(Client::publicClient);
  }
}
