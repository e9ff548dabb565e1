package org.oauthdropins;

import org.oauthdropins.store.AuthRecord;

/** How the provider's leg of a login ended. Failures are exceptions, not results. */
public sealed interface LoginResult {

  /** The user said no at the provider. */
  record Declined() implements LoginResult {}

  /**
   * The user approved; this is what to store.
   *
   * @param record the entity to store
   */
  record Authenticated(AuthRecord record) implements LoginResult {}
}
