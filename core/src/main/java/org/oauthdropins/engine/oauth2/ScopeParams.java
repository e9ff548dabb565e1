package org.oauthdropins.engine.oauth2;

import java.util.List;
import java.util.Map;

/**
 * Parameters an authorization request carries because of the scopes it asks for, such as OpenID
 * Connect's {@code prompt=consent} with {@code offline_access}. A parameter the request already has
 * (a fixed one of the site) is left as it is.
 */
@FunctionalInterface
public interface ScopeParams {

  /** No parameters for any scopes. */
  ScopeParams NONE = scopes -> Map.of();

  /**
   * The parameters to add.
   *
   * @param scopes every scope the request asks for, the site's defaults first
   */
  Map<String, String> forScopes(List<String> scopes);
}
