package org.oauthdropins.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A login between start and callback: everything the callback needs, kept in the store (never in
 * process memory) so that any server of a fleet can finish a login that another started. Single use
 * and short-lived.
 *
 * @param id the state nonce sent to the provider
 * @param site the site name
 * @param browserHash SHA-256 of the browser's binding cookie, so that only the browser that started
 *     the login can finish it
 * @param appState the app's own {@code state}, returned untouched at finish, or null
 * @param redirectUri the exact callback URL sent to the provider
 * @param data protocol data: PKCE verifier, request-token secret, instance... (secret values)
 * @param expiresAt after this the login is refused
 */
public record PendingLogin(
    String id,
    String site,
    String browserHash,
    String appState,
    String redirectUri,
    Map<String, String> data,
    Instant expiresAt) {

  /** Makes the value, checking its components. */
  public PendingLogin {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(browserHash, "browserHash");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(expiresAt, "expiresAt");
    data = Map.copyOf(data);
  }

  @Override
  public String toString() {
    return "PendingLogin[site="
        + site
        + ", expiresAt="
        + expiresAt
        + ", data="
        + data.keySet()
        + "]";
  }
}
