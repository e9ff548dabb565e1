package org.oauthdropins;

import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * Makes a site's entity type: usually the constructor of an {@link AuthEntity} subclass.
 *
 * @param <A> the entity type, which becomes the site's type parameter
 */
@FunctionalInterface
public interface EntityFactory<A extends AuthEntity> {

  /** Wraps a stored record. */
  A create(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport);

  /** The plain entity, for sites without typed accessors. */
  static EntityFactory<AuthEntity> plain() {
    return (site, record, store, transport) -> new AuthEntity(site, record, store, transport) {};
  }
}
