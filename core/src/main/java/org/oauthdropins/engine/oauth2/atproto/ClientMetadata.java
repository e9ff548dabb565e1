package org.oauthdropins.engine.oauth2.atproto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.engine.oauth2.Client;
import org.oauthdropins.engine.oauth2.ClientSource;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.engine.oauth2.TokenClient;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * How the app names itself to atproto servers (atproto specs "OAuth", client metadata), as a part
 * of the OAuth 2 pipeline: a public client whose id is the URL of the client metadata document the
 * app serves ({@link #document}), or, for an app on loopback, the atproto loopback client whose id
 * carries its redirect URI and scope.
 *
 * @param clientName the {@code client_name} of the document
 * @param metadataPath where the app serves the document
 * @param callbackPath where the app mounts the callback
 * @param scopes the scopes every login asks for, which the document declares
 */
public record ClientMetadata(
    String clientName, String metadataPath, String callbackPath, List<String> scopes)
    implements ClientSource {

  /** Makes the value, checking its components. */
  public ClientMetadata {
    Objects.requireNonNull(clientName, "clientName");
    Objects.requireNonNull(metadataPath, "metadataPath");
    Objects.requireNonNull(callbackPath, "callbackPath");
    scopes = List.copyOf(scopes);
  }

  /** The document, for an app whose public base URL is {@code appUrl}. */
  public String document(URI appUrl) {
    String u = appUrl.toString();
    String o = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    ObjectNode m = Json.object();
    m.put(OAuthParameters.CLIENT_ID, o + metadataPath);
    m.put("application_type", "web");
    m.put("client_name", clientName);
    m.put("client_uri", o);
    m.put("dpop_bound_access_tokens", true);
    m.putArray("grant_types")
        .add(TokenClient.AUTHORIZATION_CODE)
        .add(OAuthParameters.REFRESH_TOKEN);
    m.putArray("redirect_uris").add(o + callbackPath);
    m.putArray("response_types").add("code");
    m.put(OAuthParameters.SCOPE, String.join(" ", scopes));
    m.put("token_endpoint_auth_method", "none");
    return m.toString();
  }

  /**
   * The client of a login: its id made from the app's URL, callback and the login's scope.
   *
   * @throws BadRequestException if the app is opened on {@code localhost}, which every atproto
   *     server refuses as a redirect URI
   * @throws ProviderException if the app is not served over https nor on loopback
   */
  @Override
  public Client client(AuthorizeRequest request, Server server, HttpTransport transport) {
    refuseLocalhost(request.callbackUrl());
    String scope = String.join(" ", CodeFlowPipeline.scopes(scopes, request.scopes()));
    return Client.publicClient(clientId(request.appUrl(), request.callbackUrl(), scope));
  }

  /** The client id a stored OAuth login was made with (its extra JSON's {@code client_id}). */
  @Override
  public Optional<Client> of(AuthRecord record, Server server, AuthStore store) {
    if (record.extraJson() == null) {
      return Optional.empty();
    }
    JsonNode extra = Json.parse(record.extraJson());
    return Optional.ofNullable(Json.text(extra, OAuthParameters.CLIENT_ID))
        .map(Client::publicClient);
  }

  /**
   * The client_id: the metadata URL on the app's origin, or for an app on a loopback origin the
   * atproto loopback client, which carries its redirect URI and scope in its query.
   */
  String clientId(URI app, URI callback, String scope) {
    if ("http".equals(callback.getScheme()) && loopback(callback.getHost())) {
      // An app on loopback cannot serve a client metadata document that the server can fetch;
      // the loopback client exists for exactly this case, so it needs no development mode.
      Map<String, String> q = new LinkedHashMap<>();
      q.put(OAuthParameters.REDIRECT_URI, callback.toString());
      q.put(OAuthParameters.SCOPE, scope);
      return Form.appendQuery("http://localhost", q);
    }
    if (!"https".equals(callback.getScheme())) {
      throw new ProviderException("an atproto client app must be served over https or on loopback");
    }
    return app + metadataPath;
  }

  private static boolean loopback(String host) {
    return "127.0.0.1".equals(host) || "[::1]".equals(host) || "localhost".equals(host);
  }

  /** What the user should do instead of a redirect URI that every atproto server refuses. */
  static void refuseLocalhost(URI callback) {
    if ("http".equals(callback.getScheme()) && "localhost".equalsIgnoreCase(callback.getHost())) {
      throw new BadRequestException(
          "atproto servers refuse localhost redirect URIs (RFC 8252 7.3): open this app at http://"
              + "127.0.0.1"
              + (callback.getPort() == -1 ? "" : ":" + callback.getPort())
              + "/ instead");
    }
  }
}
