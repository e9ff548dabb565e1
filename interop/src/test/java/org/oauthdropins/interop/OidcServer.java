package org.oauthdropins.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oauthdropins.Credentials;
import org.oauthdropins.internal.http.Json;

/**
 * A real OpenID Provider, panva's {@code oidc-provider} from npm (OpenID-certified), on a free
 * loopback port for one test class, run by the resource {@code oidc-provider.mjs}: a confidential
 * client per site, registered with that site's callback URL in the test app and signing its ID
 * tokens with the algorithm asked for (and, where asked, required to use PAR and DPoP-bound
 * tokens), PKCE required, DPoP proofs with the provider's nonce, a static account, and an
 * interaction page with Approve and Deny buttons. {@code scripts/oidc-install.sh} installs it (and
 * Node 22, shared with the PDS) into a cache once; an install or start that fails fails the test,
 * never skips it.
 *
 * @param issuer the provider's issuer identifier, {@code http://127.0.0.1:PORT}
 * @param clients each site's client id and secret
 * @param sub the account's subject
 * @param name the account's name claim
 * @param email the account's email claim
 */
// close() may throw InterruptedException (it stops a process or server); callers handle Exception.
@SuppressWarnings("try")
record OidcServer(
    Process process,
    String issuer,
    Map<String, Credentials> clients,
    String sub,
    String name,
    String email)
    implements AutoCloseable {

  /**
   * Starts the provider with a client for each site, allowed to redirect to {@code
   * app/SITE/oauth_callback} only.
   *
   * @param app the test app's URL
   * @param idTokenAlgs each site's ID token signing algorithm, e.g. {@code RS256}, optionally
   *     followed by what the client must use: {@code RS256+par+dpop} registers it with {@code
   *     require_pushed_authorization_requests} and {@code dpop_bound_access_tokens}
   */
  static OidcServer start(URI app, Map<String, String> idTokenAlgs)
      throws IOException, InterruptedException {
    return start(app, idTokenAlgs, false);
  }

  /**
   * {@link #start(URI, Map)}, and with {@code requirePar} a provider that takes pushed
   * authorization requests only, from every client, as its discovery document then declares ({@code
   * require_pushed_authorization_requests}, RFC 9126 §5).
   */
  static OidcServer start(URI app, Map<String, String> idTokenAlgs, boolean requirePar)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(List.of(String.valueOf(NodeServer.freePort()), app.toString()));
    idTokenAlgs.forEach((site, alg) -> args.add(site + "=" + alg));
    if (requirePar) {
      args.add("--require-par");
    }
    Path cache = NodeServer.install("oidc-install.sh", "oidc-provider");
    NodeServer.Started s =
        NodeServer.launch(
            cache.resolve("bin/node"),
            cache.resolve("provider"),
            "oidc-provider.mjs",
            "oidc-provider.log",
            "oidc-provider",
            args);
    JsonNode j = s.info();
    Map<String, Credentials> clients = new LinkedHashMap<>();
    j.path("clients")
        .properties()
        .forEach(
            e ->
                clients.put(
                    e.getKey(),
                    new Credentials(
                        Json.text(e.getValue(), "id"), Json.text(e.getValue(), "secret"))));
    return new OidcServer(
        s.process(),
        Json.text(j, "issuer"),
        Map.copyOf(clients),
        Json.text(j, "sub"),
        Json.text(j, "name"),
        Json.text(j, "email"));
  }

  @Override
  public void close() throws Exception {
    NodeServer.stop(process);
  }

  /** Never shows the client secrets. */
  @Override
  public String toString() {
    return "OidcServer[" + issuer + "]";
  }
}
