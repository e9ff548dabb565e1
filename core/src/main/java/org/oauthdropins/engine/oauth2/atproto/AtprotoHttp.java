package org.oauthdropins.engine.oauth2.atproto;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.internal.http.Json;

/**
 * How calls to the servers a user's handle led to (DID directories, the PDS, the authorization
 * server) are sent and their answers read, for the atproto parts and for an atproto site's own
 * calls (a profile, an app-password session). A URL that the SSRF guard will not fetch is the
 * user's doing (400); a server that fails or answers nonsense is the provider's (502).
 */
public final class AtprotoHttp {

  private AtprotoHttp() {}

  /**
   * Sends a call to a server the user's handle led to.
   *
   * @param who the server, for messages, e.g. {@code "bluesky PDS"}
   * @throws BadRequestException if the guard refuses the URL: the user's input led there
   * @throws ProviderException if the server cannot be reached
   */
  public static HttpResult send(HttpTransport t, HttpCall call, String who) {
    try {
      return t.send(call);
    } catch (UnsafeUrlException e) {
      throw refused(who, e);
    } catch (IOException e) {
      throw ProviderException.unreachable(who, e);
    }
  }

  /**
   * A successful answer's JSON object.
   *
   * @param who the server, for messages, e.g. {@code "the PDS"}
   * @throws ProviderException if the answer is an error or not a JSON object
   */
  public static JsonNode json(HttpResult r, String who) {
    if (!r.ok()) {
      throw new ProviderException(who + " answered HTTP " + r.status());
    }
    try {
      JsonNode node = r.json();
      if (node.isObject()) {
        return node;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ProviderException(who + " answered something that is not a JSON object");
  }

  /**
   * A refusal with the server's reason: an OAuth {@code error_description} or an XRPC {@code
   * message}. A {@code localhost} redirect URI, for one, is refused only with a description.
   *
   * @param what what was refused, e.g. {@code "bluesky refused the login"}
   * @param descriptionField where the answer's reason is
   */
  public static ProviderException refusal(String what, HttpResult r, String descriptionField) {
    String error = null;
    String description = null;
    try {
      JsonNode body = r.json();
      error = Json.text(body, "error");
      description = Json.text(body, descriptionField);
    } catch (IllegalArgumentException e) {
      // not JSON: reported by status
    }
    return ProviderException.answered(what, error, description, r.status());
  }

  /** A URL the guard would not fetch: the user's handle led somewhere it must not. */
  static BadRequestException refused(String who, UnsafeUrlException e) {
    return new BadRequestException(who + " is not fetched: " + e.getMessage());
  }
}
