package org.oauthdropins.engine.oauth2;

/**
 * Where the client secret sent to the token endpoint comes from, for a site whose secret is not a
 * fixed string but made by the app when needed: Sign in with Apple takes a short-lived JWT that the
 * app signs with its key. The engine asks for it at every token request, so an implementation that
 * caches decides itself when to make a new one.
 */
@FunctionalInterface
public interface ClientSecret {

  /** The secret to send now. */
  String current();
}
