package org.oauthdropins.engine.oauth1;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.secrets.Secrets;

/**
 * Sends requests signed for one consumer and one token: what a site's profile step uses to call the
 * API with the access token it was just given. The engine makes it; sites only use it.
 */
public final class SignedClient {

  private final String site;
  private final OAuth1Signer signer;
  private final String token;
  private final String tokenSecret;
  private final HttpTransport transport;

  /**
   * @param site the site name, for messages
   * @param signer signs for the app
   * @param token the token
   * @param tokenSecret its secret
   * @param transport how the site is reached
   */
  SignedClient(
      String site, OAuth1Signer signer, String token, String tokenSecret, HttpTransport transport) {
    this.site = Objects.requireNonNull(site, "site");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.token = token;
    this.tokenSecret = tokenSecret;
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /** Signs and sends a request. */
  public HttpResult send(HttpCall call) throws IOException {
    return transport.send(signer.sign(call, token, tokenSecret, Map.of()));
  }

  /**
   * The JSON body of a 2xx answer.
   *
   * @throws ProviderException on another status or a body that is not JSON
   */
  public JsonNode json(HttpResult result) {
    return ProfileLoader.json(site, result);
  }

  @Override
  public String toString() {
    return "SignedClient[" + site + ", token=" + Secrets.mask(token) + "]";
  }
}
