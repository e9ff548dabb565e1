package org.oauthdropins.sites.bluesky;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;

/**
 * How the app names itself to atproto servers (atproto specs "OAuth", client metadata): the client
 * metadata document the app serves at its client_id URL, or, for an app on loopback, the atproto
 * loopback client whose id carries its redirect URI and scope.
 *
 * @param clientName the {@code client_name} of the document
 * @param metadataPath where the app serves the document
 * @param callbackPath where the app mounts the callback
 */
record ClientMetadata(String clientName, String metadataPath, String callbackPath) {

  /** The document, for an app whose public base URL is {@code appUrl}. */
  String document(URI appUrl) {
    String u = appUrl.toString();
    String o = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    ObjectNode m = Json.object();
    m.put(OAuthParameters.CLIENT_ID, o + metadataPath);
    m.put("application_type", "web");
    m.put("client_name", clientName);
    m.put("client_uri", o);
    m.put("dpop_bound_access_tokens", true);
    m.putArray("grant_types").add("authorization_code").add("refresh_token");
    m.putArray("redirect_uris").add(o + callbackPath);
    m.putArray("response_types").add("code");
    m.put(OAuthParameters.SCOPE, String.join(" ", Bluesky.SCOPES));
    m.put("token_endpoint_auth_method", "none");
    return m.toString();
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
      throw new ProviderException("bluesky needs the app to be served over https");
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
