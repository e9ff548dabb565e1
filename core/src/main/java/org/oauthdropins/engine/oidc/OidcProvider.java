package org.oauthdropins.engine.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;

/**
 * What a client needs to know about an OpenID Connect provider: its endpoints, the issuer its ID
 * tokens carry, and the quirks that change the flow. Sites with fixed endpoints (Google, LinkedIn)
 * write one down with {@link #builder}; any other provider is read from its discovery document with
 * {@link #discover}.
 *
 * @param issuer the issuer identifier, e.g. {@code https://accounts.google.com}
 * @param acceptedIssuers every {@code iss} value an ID token may carry; includes {@code issuer}
 * @param authorizationEndpoint the authorization endpoint
 * @param tokenEndpoint the token endpoint
 * @param userinfoEndpoint the userinfo endpoint, or null to take the profile from the ID token
 * @param jwksUri where the provider publishes its signing keys
 * @param clientAuth how the client authenticates at the token endpoint
 * @param pkce whether to send PKCE S256
 * @param nonce whether to send a nonce and require it back in the ID token; off only for a provider
 *     known not to echo it
 * @param issParameter whether the provider declares {@code
 *     authorization_response_iss_parameter_supported}, so that a callback without {@code iss} is
 *     refused (RFC 9207 §2.4)
 * @param issuerTemplate for a multi-tenant provider, what every ID token's issuer must match once
 *     filled from the token's own tenant claim, so that issuer and tenant agree; where {@code
 *     issuer} is the template itself ({@code common}) it is the only issuer check, otherwise the
 *     token must pass both. Null for a provider with fixed issuers only
 * @param parEndpoint the pushed authorization request endpoint (RFC 9126 §5, {@code
 *     pushed_authorization_request_endpoint}), or null if the provider has none
 * @param parRequired whether the provider takes pushed authorization requests only ({@code
 *     require_pushed_authorization_requests}); then {@code parEndpoint} is required
 * @param dpopAlgs the algorithms the provider takes DPoP proofs in (RFC 9449 §5.1, {@code
 *     dpop_signing_alg_values_supported}); empty if it declares none
 * @param endSessionEndpoint where the browser is sent to end the user's session at the provider
 *     (OpenID Connect RP-Initiated Logout 1.0 §2, {@code end_session_endpoint}), or null if it has
 *     none; then logging out ends only the app's login
 */
public record OidcProvider(
    String issuer,
    Set<String> acceptedIssuers,
    URI authorizationEndpoint,
    URI tokenEndpoint,
    URI userinfoEndpoint,
    URI jwksUri,
    ClientAuth clientAuth,
    boolean pkce,
    boolean nonce,
    boolean issParameter,
    IssuerTemplate issuerTemplate,
    URI parEndpoint,
    boolean parRequired,
    Set<String> dpopAlgs,
    URI endSessionEndpoint) {

  /** Where discovery documents live, below the issuer (OpenID Connect Discovery 1.0 §4). */
  public static final String WELL_KNOWN = "/.well-known/openid-configuration";

  /** Makes the value, checking its components. */
  public OidcProvider {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(jwksUri, "jwksUri");
    Objects.requireNonNull(clientAuth, "clientAuth");
    Set<String> all = new LinkedHashSet<>();
    all.add(issuer);
    if (acceptedIssuers != null) {
      all.addAll(acceptedIssuers);
    }
    if (issuerTemplate != null) {
      // The template's own text, placeholder and all, is no issuer a token may carry.
      all.remove(issuerTemplate.template());
    }
    acceptedIssuers = Set.copyOf(all);
    if (parRequired && parEndpoint == null) {
      throw new IllegalArgumentException("a provider that requires PAR must name its endpoint");
    }
    dpopAlgs = dpopAlgs == null ? Set.of() : Set.copyOf(dpopAlgs);
  }

  /**
   * Whether the provider declares DPoP in the one algorithm the library proves with, ES256 (RFC
   * 9449 §5.1). A declaration is no requirement: see {@link Oidc} for when a login uses DPoP.
   */
  public boolean dpopSupported() {
    return dpopAlgs.contains(DPOP_ALG);
  }

  /** The algorithm of the library's DPoP proofs. */
  static final String DPOP_ALG = "ES256";

  /**
   * Starts writing down a provider with fixed endpoints. The defaults are the protocol's: client
   * authentication {@code client_secret_basic} (OpenID Connect Core §9), PKCE and a nonce sent, the
   * {@code iss} callback parameter not required, no userinfo endpoint, fixed issuers only.
   *
   * @param issuer the issuer identifier its ID tokens carry
   */
  public static Builder builder(String issuer) {
    return new Builder(issuer);
  }

  /** A provider written down setting by setting, so each one is named where a site states it. */
  public static final class Builder {
    private final String issuer;
    private Set<String> acceptedIssuers = Set.of();
    private URI authorizationEndpoint;
    private URI tokenEndpoint;
    private URI userinfoEndpoint;
    private URI jwksUri;
    private ClientAuth clientAuth = ClientAuth.BASIC;
    private boolean pkce = true;
    private boolean nonce = true;
    private boolean issParameter;
    private IssuerTemplate issuerTemplate;
    private URI parEndpoint;
    private boolean parRequired;
    private Set<String> dpopAlgs = Set.of();
    private URI endSessionEndpoint;

    private Builder(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /** Further {@code iss} values its ID tokens may carry besides the issuer. */
    public Builder acceptedIssuers(Set<String> issuers) {
      this.acceptedIssuers = Set.copyOf(issuers);
      return this;
    }

    /** The authorization endpoint; required. */
    public Builder authorizationEndpoint(URI u) {
      this.authorizationEndpoint = u;
      return this;
    }

    /** The token endpoint; required. */
    public Builder tokenEndpoint(URI u) {
      this.tokenEndpoint = u;
      return this;
    }

    /** The userinfo endpoint; without one the profile is the ID token's claims. */
    public Builder userinfoEndpoint(URI u) {
      this.userinfoEndpoint = u;
      return this;
    }

    /** Where the provider publishes its signing keys; required. */
    public Builder jwksUri(URI u) {
      this.jwksUri = u;
      return this;
    }

    /** How the client authenticates at the token endpoint. */
    public Builder clientAuth(ClientAuth a) {
      this.clientAuth = Objects.requireNonNull(a, "clientAuth");
      return this;
    }

    /** Whether PKCE S256 is sent. */
    public Builder pkce(boolean on) {
      this.pkce = on;
      return this;
    }

    /** Whether a nonce is sent and required back; off only for a provider known not to echo it. */
    public Builder nonce(boolean on) {
      this.nonce = on;
      return this;
    }

    /** Whether a callback must carry {@code iss} (RFC 9207 §2.4). */
    public Builder issParameter(boolean required) {
      this.issParameter = required;
      return this;
    }

    /** For a multi-tenant provider, what every ID token's issuer must match (see the record). */
    public Builder issuerTemplate(IssuerTemplate t) {
      this.issuerTemplate = t;
      return this;
    }

    /** The pushed authorization request endpoint (RFC 9126), for a provider that has one. */
    public Builder parEndpoint(URI u) {
      this.parEndpoint = u;
      return this;
    }

    /** Whether the provider takes pushed authorization requests only (RFC 9126 §5). */
    public Builder parRequired(boolean required) {
      this.parRequired = required;
      return this;
    }

    /** The algorithms the provider takes DPoP proofs in (RFC 9449 §5.1). */
    public Builder dpopAlgs(Set<String> algs) {
      this.dpopAlgs = Set.copyOf(algs);
      return this;
    }

    /** Where the browser ends the user's session (RP-Initiated Logout 1.0), if it can. */
    public Builder endSessionEndpoint(URI u) {
      this.endSessionEndpoint = u;
      return this;
    }

    /**
     * The provider.
     *
     * @throws NullPointerException if a required endpoint is missing
     */
    public OidcProvider build() {
      return new OidcProvider(
          issuer,
          acceptedIssuers,
          authorizationEndpoint,
          tokenEndpoint,
          userinfoEndpoint,
          jwksUri,
          clientAuth,
          pkce,
          nonce,
          issParameter,
          issuerTemplate,
          parEndpoint,
          parRequired,
          dpopAlgs,
          endSessionEndpoint);
    }
  }

  /**
   * Reads a provider's discovery document from {@code {issuer}/.well-known/openid-configuration}.
   * The document must name the same issuer, exactly (Discovery §4.3), so that one provider cannot
   * pass itself off as another.
   *
   * @param issuer the issuer identifier, as the provider documents it
   * @param transport how the provider is reached
   * @throws ProviderException if the document cannot be fetched or is not a usable one
   */
  public static OidcProvider discover(String issuer, HttpTransport transport) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    URI url = URI.create(base + WELL_KNOWN);
    HttpResult result;
    try {
      result = transport.send(HttpCall.get(url).header("Accept", "application/json"));
    } catch (IOException e) {
      throw ProviderException.unreachable("OpenID Connect discovery at " + url, e);
    }
    if (!result.ok()) {
      throw new ProviderException(
          "OpenID Connect discovery at " + url + " answered HTTP " + result.status());
    }
    JsonNode doc;
    try {
      doc = result.json();
    } catch (IllegalArgumentException e) {
      throw new ProviderException("OpenID Connect discovery document at " + url + " is not JSON");
    }
    if (!issuer.equals(Json.text(doc, "issuer"))) {
      throw new ProviderException(
          "OpenID Connect discovery document at " + url + " names another issuer");
    }
    String userinfo = Json.text(doc, "userinfo_endpoint");
    boolean parRequired = doc.path("require_pushed_authorization_requests").asBoolean(false);
    // RFC 9126 §5: the flag means nothing without the endpoint, which is then required.
    URI par =
        doc.hasNonNull("pushed_authorization_request_endpoint") || parRequired
            ? required(doc, "pushed_authorization_request_endpoint", url)
            : null;
    Set<String> dpopAlgs = new LinkedHashSet<>();
    doc.path("dpop_signing_alg_values_supported").forEach(a -> dpopAlgs.add(a.asText()));
    return builder(issuer)
        .authorizationEndpoint(required(doc, "authorization_endpoint", url))
        .tokenEndpoint(required(doc, "token_endpoint", url))
        .userinfoEndpoint(userinfo == null ? null : URI.create(userinfo))
        .jwksUri(required(doc, "jwks_uri", url))
        .clientAuth(clientAuth(doc.path("token_endpoint_auth_methods_supported")))
        .pkce(pkce(doc.path("code_challenge_methods_supported")))
        .issParameter(doc.path("authorization_response_iss_parameter_supported").asBoolean(false))
        .parEndpoint(par)
        .parRequired(parRequired)
        .dpopAlgs(dpopAlgs)
        .endSessionEndpoint(
            doc.hasNonNull("end_session_endpoint")
                ? required(doc, "end_session_endpoint", url)
                : null)
        .build();
  }

  /**
   * The authorization server of this provider, as the OAuth 2 pipeline runs against it: its
   * endpoints, its issuer for RFC 9207, whether it takes only pushed requests, whether it takes
   * PKCE S256, and the algorithms it takes DPoP proofs in.
   */
  public Server server() {
    Map<String, String> facts = new java.util.LinkedHashMap<>();
    if (!pkce) {
      facts.put(Server.NO_PKCE, "true");
    }
    if (!dpopAlgs.isEmpty()) {
      facts.put(CodeFlowPipeline.DPOP_ALGS, String.join(" ", dpopAlgs));
    }
    return new Server(
        authorizationEndpoint,
        tokenEndpoint,
        parEndpoint,
        issuer,
        issParameter,
        parRequired,
        facts);
  }

  private static URI required(JsonNode doc, String field, URI url) {
    String value = Json.text(doc, field);
    if (value == null) {
      throw new ProviderException(
          "OpenID Connect discovery document at " + url + " has no " + field);
    }
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new ProviderException(
            "OpenID Connect discovery document at " + url + " has a relative " + field);
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new ProviderException(
          "OpenID Connect discovery document at " + url + " has an invalid " + field);
    }
  }

  /** Basic is the default when the list is absent (Discovery §3); post only where Basic is not. */
  private static ClientAuth clientAuth(JsonNode methods) {
    if (!methods.isArray() || contains(methods, "client_secret_basic")) {
      return ClientAuth.BASIC;
    }
    return contains(methods, "client_secret_post") ? ClientAuth.POST : ClientAuth.BASIC;
  }

  /**
   * PKCE unless the provider lists methods without S256: a server that knows nothing of PKCE
   * ignores the parameters (RFC 7636 §5), and many support it without saying so.
   */
  private static boolean pkce(JsonNode methods) {
    return !methods.isArray() || methods.isEmpty() || contains(methods, "S256");
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (value.equals(n.asText())) {
        return true;
      }
    }
    return false;
  }
}
