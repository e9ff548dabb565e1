package org.oauthdropins.engine.oauth2;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The authorization server of one login, as its {@link ServerSource} found it: where the pipeline
 * sends the browser, pushes the request and redeems the code, and what it must check in the answer.
 *
 * @param authorizationEndpoint where the browser goes
 * @param tokenEndpoint where the code is exchanged, or null for a server that redeems codes for the
 *     profile only, at its authorization endpoint (IndieAuth §5.3.2)
 * @param parEndpoint the pushed authorization request endpoint (RFC 9126), or null if it has none
 * @param issuer the issuer that must come back as {@code iss} (RFC 9207), or null if none is known
 * @param issuerRequired whether an answer without {@code iss} is refused (the server declared that
 *     it sends it); otherwise only a different {@code iss} is
 * @param parRequired whether the server takes only pushed requests ({@code
 *     require_pushed_authorization_requests})
 * @param facts what the source learnt on the way that later parts need (the instance, the account's
 *     DID and PDS, the profile URLs seen); strings only, since a per-login server is kept in the
 *     pending login
 */
public record Server(
    URI authorizationEndpoint,
    URI tokenEndpoint,
    URI parEndpoint,
    String issuer,
    boolean issuerRequired,
    boolean parRequired,
    Map<String, String> facts) {

  /**
   * The fact of a server that does not take PKCE S256 (its metadata lists other code challenge
   * methods only), so that the pipeline leaves PKCE out for it as RFC 7636 §4.2 allows.
   */
  public static final String NO_PKCE = "no_pkce";

  /** Makes the value, checking its components. */
  public Server {
    Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
    if (issuerRequired && issuer == null) {
      throw new IllegalArgumentException("an issuer is required to require iss");
    }
    if (parRequired && parEndpoint == null) {
      throw new IllegalArgumentException("a server that requires PAR must have its endpoint");
    }
    facts = Map.copyOf(facts);
  }

  /** A server with two fixed endpoints and nothing else: what a plain OAuth 2 site has. */
  public static Server of(URI authorizationEndpoint, URI tokenEndpoint) {
    return new Server(
        authorizationEndpoint,
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint"),
        null,
        null,
        false,
        false,
        Map.of());
  }

  /** A fact the source found, or null. */
  public String fact(String name) {
    return facts.get(name);
  }
}
