package org.oauthdropins;

import java.net.URI;
import java.util.Map;
import org.oauthdropins.internal.PendingData;

/**
 * Where a site sends the browser, and what it wants back at the callback.
 *
 * @param location the provider URL to redirect the browser to
 * @param redirectUri the exact callback URL given to the provider (token requests repeat it)
 * @param data protocol data for the callback (verifier, token secret, instance); kept in the store,
 *     never in the browser
 */
public record Authorization(URI location, String redirectUri, Map<String, String> data) {

  /** Makes the value, checking its components. */
  public Authorization {
    data = Map.copyOf(data);
  }

  /**
   * Where to send the browser, keeping an engine's pending-login record for the callback.
   *
   * @param pending the engine's record, written by {@link PendingData}
   */
  public static Authorization of(URI location, String redirectUri, Record pending) {
    return new Authorization(location, redirectUri, PendingData.write(pending));
  }

  @Override
  public String toString() {
    return "Authorization[" + location.getHost() + ", data=" + data.keySet() + "]";
  }
}
