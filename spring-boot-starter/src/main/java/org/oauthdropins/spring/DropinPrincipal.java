package org.oauthdropins.spring;

import java.io.Serializable;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.store.Key;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who signed in through a site: the principal of a {@link DropinAuthentication}. It names the
 * stored login (the auth entity) by its key, and holds no token, so the session it lives in holds
 * no secret; {@link DropinSites#load(Key)} gives the entity with its tokens.
 *
 * @param site the site's name, e.g. {@code github}
 * @param key the stored login's key
 * @param userId the account's id at the site
 * @param displayName the user's display name at login time
 */
public record DropinPrincipal(String site, Key key, String userId, String displayName)
    implements AuthenticatedPrincipal, Serializable {

  private static final long serialVersionUID = 1L;

  /** The principal of this login. */
  public static DropinPrincipal of(AuthEntity auth) {
    return new DropinPrincipal(auth.siteName(), auth.key(), auth.userId(), auth.userDisplayName());
  }

  /** The stored login's key, which is unique across sites: {@code Kind:id}. */
  @Override
  public String getName() {
    return key.kind() + ":" + key.id();
  }
}
