package org.oauthdropins.spring;

import java.util.List;
import org.oauthdropins.AuthEntity;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A user signed in to Spring Security by a login at a site ({@code
 * oauth-dropins.security.sign-in=true}). Its principal is a {@link DropinPrincipal}; it has the
 * authority {@code ROLE_USER} and {@code OAUTH_DROPINS_<site>}. Its credentials are null: the
 * tokens stay in the store.
 */
public final class DropinAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  /** Who signed in: the stored login's key and names, no token. */
  private final DropinPrincipal principal;

  /** The authentication of a finished login. */
  public DropinAuthentication(AuthEntity auth) {
    this(DropinPrincipal.of(auth));
  }

  /** The authentication of a principal. */
  public DropinAuthentication(DropinPrincipal principal) {
    super(
        List.of(
            new SimpleGrantedAuthority("ROLE_USER"),
            new SimpleGrantedAuthority("OAUTH_DROPINS_" + principal.site())));
    this.principal = principal;
    setAuthenticated(true);
  }

  @Override
  public DropinPrincipal getPrincipal() {
    return principal;
  }

  @Override
  public Object getCredentials() {
    return null;
  }
}
