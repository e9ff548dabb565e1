package org.oauthdropins.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.oauthdropins.http.Json;

/**
 * A real OpenID Provider, panva's {@code oidc-provider} from npm (OpenID-certified), on a free
 * loopback port for one test class, run by the resource {@code oidc-provider.mjs}: one confidential
 * client registered with one callback URL, PKCE required, a static account, and an interaction page
 * with Approve and Deny buttons. {@code scripts/oidc-install.sh} installs it (and Node 22, shared
 * with the PDS) into a cache once; an install or start that fails fails the test, never skips it.
 *
 * @param issuer the provider's issuer identifier, {@code http://127.0.0.1:PORT}
 * @param clientId the registered client's id
 * @param clientSecret the registered client's secret
 * @param sub the account's subject
 * @param name the account's name claim
 * @param email the account's email claim
 */
record OidcServer(
    Process process,
    String issuer,
    String clientId,
    String clientSecret,
    String sub,
    String name,
    String email)
    implements AutoCloseable {

  /**
   * Starts the provider with its one client allowed to redirect to {@code redirectUri} only.
   *
   * @param redirectUri the test app's callback URL
   */
  static OidcServer start(URI redirectUri) throws IOException, InterruptedException {
    Path cache = NodeServer.install("oidc-install.sh", "oidc-provider");
    NodeServer.Started s =
        NodeServer.launch(
            cache.resolve("bin/node"),
            cache.resolve("provider"),
            "oidc-provider.mjs",
            "oidc-provider.log",
            "oidc-provider",
            List.of(String.valueOf(NodeServer.freePort()), redirectUri.toString()));
    JsonNode j = s.info();
    return new OidcServer(
        s.process(),
        Json.text(j, "issuer"),
        Json.text(j, "clientId"),
        Json.text(j, "clientSecret"),
        Json.text(j, "sub"),
        Json.text(j, "name"),
        Json.text(j, "email"));
  }

  @Override
  public void close() throws Exception {
    NodeServer.stop(process);
  }

  /** Never shows the client secret. */
  @Override
  public String toString() {
    return "OidcServer[" + issuer + "]";
  }
}
