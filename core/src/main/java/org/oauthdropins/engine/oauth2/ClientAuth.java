package org.oauthdropins.engine.oauth2;

/** How the client authenticates at the token endpoint (RFC 6749 §2.3.1). */
public enum ClientAuth {
  /** {@code client_secret_basic}: HTTP Basic with the form-encoded id and secret. */
  BASIC,
  /** {@code client_secret_post}: {@code client_id} and {@code client_secret} in the body. */
  POST,
  /** A public client: only {@code client_id} in the body. */
  NONE,
  /**
   * {@code client_id} and {@code client_secret} in the query of a GET, the only way Facebook's
   * token endpoint takes them ("Manually Build a Login Flow": "Exchanging Code for an Access
   * Token").
   */
  QUERY
}
