package org.oauthdropins.sites.indieauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.engine.oauth2.ServerSource;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;

/**
 * The IndieAuth part that finds a login's server: the one the profile URL the user typed declares
 * (§4.1), or the app's hosted service for a page that declares none, where the app opted in.
 *
 * <p>The server's token endpoint is kept only when the login asks for a scope beyond {@code
 * profile} and {@code email}: a profile-only login redeems its code at the authorization endpoint
 * (§5.3.2), and the token endpoint then takes no part in vouching for {@code me}. The facts it
 * keeps are the typed URL ({@link #ME}), the URLs seen while fetching it ({@link #SEEN}, a JSON
 * array, the typed one first) and the scope asked for ({@link #SCOPE}), which the {@link
 * VouchedProfile} needs to check and store the login.
 */
final class DeclaredServer implements ServerSource {

  /** The fact that holds the profile URL the user typed, canonicalized. */
  static final String ME = "me";

  /** The fact that holds the URLs seen while discovering it: a JSON array, the typed one first. */
  static final String SEEN = "seen";

  /** The fact that holds the scope asked for, space separated. */
  static final String SCOPE = "scope";

  /** What the login asks for when the app asks for nothing more. */
  static final List<String> DEFAULT_SCOPES = List.of("profile");

  private static final Set<String> PROFILE_SCOPES = Set.of("profile", "email");

  private final Discovery.Server fallback;

  /**
   * @param fallbackService the hosted service's authorization endpoint, for a page that declares no
   *     server, or null to refuse such a page
   */
  private final java.util.function.UnaryOperator<String> typed;

  DeclaredServer(URI fallbackService) {
    this(fallbackService, java.util.function.UnaryOperator.identity());
  }

  /**
   * @param fallbackService as {@link #DeclaredServer(URI)}
   * @param typed turns what the user typed into the web site to canonicalize (micro.blog's button
   *     takes a bare username for the user's micro.blog site)
   */
  DeclaredServer(URI fallbackService, java.util.function.UnaryOperator<String> typed) {
    this.typed = java.util.Objects.requireNonNull(typed, "typed");
    this.fallback =
        fallbackService == null ? null : new Discovery.Server(null, fallbackService, null);
  }

  @Override
  public Server find(AuthorizeRequest request, HttpTransport transport) {
    GuardedTransport guard = GuardedTransport.of(transport);
    URI me =
        ProfileUrls.canonical(
            request
                .web()
                .parameter(ME)
                .map(typed)
                .orElseThrow(() -> new BadRequestException("enter your web site")),
            guard.policy().allowLoopback());
    Discovery.Found found = discover(me, guard, true, fallback);
    ArrayNode seen = Json.array().add(me.toString());
    found.seen().forEach(u -> seen.add(u.toString()));
    List<String> scopes = CodeFlowPipeline.scopes(DEFAULT_SCOPES, request.scopes());
    Discovery.Server declared = found.server();
    boolean tokens = declared.tokenEndpoint() != null && !PROFILE_SCOPES.containsAll(scopes);
    return server(
        declared.issuer(),
        declared.authorizationEndpoint(),
        tokens ? declared.tokenEndpoint() : null,
        Map.of(ME, me.toString(), SEEN, seen.toString(), SCOPE, String.join(" ", scopes)));
  }

  /** Tells the server the profile URL the user typed (§5.2, {@code me}). */
  @Override
  public Map<String, String> authorizeParams(Server server) {
    return Map.of(ME, server.fact(ME));
  }

  /**
   * The server of a login: issuer checked whenever there is one (RFC 9207, which IndieAuth §5.2.1
   * requires of a server with metadata), no PAR.
   */
  static Server server(
      String issuer, URI authorizationEndpoint, URI tokenEndpoint, Map<String, String> facts) {
    return new Server(
        authorizationEndpoint, tokenEndpoint, null, issuer, issuer != null, false, facts);
  }

  /**
   * The server from a stored login's extra data, where {@link VouchedProfile} wrote it. Refresh
   * needs only its token endpoint, which a profile-only login does not have.
   */
  @Override
  public Optional<Server> of(AuthRecord record, HttpTransport transport) {
    JsonNode extra = Json.parse(record.extraJson());
    String auth = Json.text(extra, VouchedProfile.AUTHORIZATION_ENDPOINT);
    if (auth == null) {
      return Optional.empty();
    }
    String token = Json.text(extra, VouchedProfile.TOKEN_ENDPOINT);
    return Optional.of(
        server(
            Json.text(extra, VouchedProfile.ISSUER),
            URI.create(auth),
            token == null ? null : URI.create(token),
            Map.of()));
  }

  /**
   * Discovers a profile URL's server. For the URL the user typed, failures are the user's (400);
   * for a URL a server returned, the server's (502).
   *
   * @param fallback the server for a page that declares none, or null to refuse such a page
   */
  static Discovery.Found discover(
      URI profile, GuardedTransport transport, boolean userInput, Discovery.Server fallback) {
    try {
      return Discovery.discover(profile, transport, fallback);
    } catch (UnsafeUrlException e) {
      String message = profile.getHost() + " cannot be used: " + e.getMessage();
      throw userInput ? new BadRequestException(message) : new ProviderException(message);
    } catch (Discovery.NotFound e) {
      throw userInput
          ? new BadRequestException(e.getMessage())
          : new ProviderException(e.getMessage());
    } catch (IOException e) {
      ProviderException unreachable = ProviderException.unreachable(profile.getHost(), e);
      throw userInput ? new BadRequestException(unreachable.getMessage()) : unreachable;
    }
  }
}
