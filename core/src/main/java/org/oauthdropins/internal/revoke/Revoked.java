package org.oauthdropins.internal.revoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;

/**
 * Sends one revocation request and reads its answer, the one place every engine does: so that what
 * counts as "the token is ended" is the same for every site. Ended: a 2xx (RFC 7009 §2.2 answers
 * 200 for a token that was invalid already), and, for a call the login signs itself, an answer that
 * says the token is dead already (a 401; Slack's {@code ok:false} with {@code invalid_auth}, {@code
 * token_revoked} or {@code not_authed}; Facebook's error 190). Anything else (unreachable, 5xx, a
 * refusal) is a {@link ProviderException}, so that the caller changes nothing.
 */
public final class Revoked {

  /** Slack's Web API errors that mean the token no longer works (api.slack.com, "auth.revoke"). */
  private static final Set<String> DEAD_TOKEN =
      Set.of("invalid_auth", "token_revoked", "not_authed", "account_inactive", "token_expired");

  /** Facebook's error code for an invalid or expired access token (Graph API, "Error codes"). */
  private static final int FACEBOOK_INVALID_TOKEN = 190;

  private Revoked() {}

  /**
   * Sends a revocation request.
   *
   * @param site the site's name, for messages
   * @param call the request, authenticated
   * @param transport how it reaches the provider
   * @param signedByLogin whether the login's own token signs it, so that an answer saying the token
   *     is dead means it is ended
   * @param goneStatus a status that means the grant is gone already (GitHub's 404), or 0
   * @throws ProviderException if the provider is unreachable or does not confirm
   */
  public static void send(
      String site, HttpCall call, HttpTransport transport, boolean signedByLogin, int goneStatus) {
    HttpResult r;
    try {
      r = transport.send(call.header("Accept", "application/json"));
    } catch (IOException e) {
      throw ProviderException.unreachable(site + " revocation endpoint", e);
    }
    JsonNode body = json(r);
    if (r.ok()) {
      JsonNode ok = body.path("ok");
      if (ok.isBoolean() && !ok.asBoolean()) {
        String error = Json.text(body, "error");
        if (signedByLogin && error != null && DEAD_TOKEN.contains(error)) {
          return;
        }
        throw refused(site, r, error);
      }
      // Naver's token endpoint answers a refused grant_type=delete with 200 and an error field.
      if (body.path("error").isTextual()) {
        throw refused(site, r, body.path("error").asText());
      }
      return;
    }
    if (goneStatus != 0 && r.status() == goneStatus) {
      return;
    }
    if (signedByLogin
        && (r.status() == 401
            || body.path("error").path("code").asInt(0) == FACEBOOK_INVALID_TOKEN)) {
      return;
    }
    JsonNode error = body.path("error");
    throw refused(site, r, error.isTextual() ? error.asText() : null);
  }

  private static ProviderException refused(String site, HttpResult r, String error) {
    return new ProviderException(
        site
            + " did not revoke the login's token: HTTP "
            + r.status()
            + (error == null ? "" : " " + ProviderException.clean(error)));
  }

  private static JsonNode json(HttpResult r) {
    try {
      JsonNode n = r.json();
      return n == null ? Json.object() : n;
    } catch (IllegalArgumentException e) {
      return Json.object();
    }
  }
}
