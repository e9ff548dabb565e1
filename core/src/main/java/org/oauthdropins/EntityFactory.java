package org.oauthdropins;

import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/** Makes a site's entity type: usually the constructor of an {@link AuthEntity} subclass. */
@FunctionalInterface
public interface EntityFactory {

  /** Wraps a stored record. */
  AuthEntity create(Site site, AuthRecord record, AuthStore store, HttpTransport transport);

  /** The plain entity, for sites without typed accessors. */
  static EntityFactory plain() {
    return (site, record, store, transport) -> new AuthEntity(site, record, store, transport) {};
  }
}
