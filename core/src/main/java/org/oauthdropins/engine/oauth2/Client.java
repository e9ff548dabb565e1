package org.oauthdropins.engine.oauth2;

import java.util.Objects;

/**
 * The app as a client of one login's server: fixed credentials, an instance's registration, or a
 * client id that is a URL.
 *
 * @param clientId the client id
 * @param auth how the client authenticates at the token and PAR endpoints
 * @param secret where its secret comes from, or null for a public client ({@link ClientAuth#NONE})
 */
public record Client(String clientId, ClientAuth auth, ClientSecret secret) {

  /** Makes the value, checking its components. */
  public Client {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(auth, "auth");
    if (auth != ClientAuth.NONE) {
      Objects.requireNonNull(secret, "secret");
    }
  }

  /** A public client: identified by its id alone (IndieAuth, atproto). */
  public static Client publicClient(String clientId) {
    return new Client(clientId, ClientAuth.NONE, null);
  }

  @Override
  public String toString() {
    return "Client[" + clientId + ", " + auth + "]";
  }
}
