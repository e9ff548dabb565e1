package org.oauthdropins.sites.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import org.oauthdropins.engine.oauth2.atproto.AtprotoHttp;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bluesky profile that decorates both logins, from the user's PDS. The PDS is a URL that a
 * user's handle led to, so every call goes through the guarded transport the site was built with.
 */
final class Pds {

  // Logged as the site, where apps configure Bluesky's logging.
  private static final Logger LOG = LoggerFactory.getLogger(Bluesky.class);

  private final HttpTransport transport;
  private final String appView;

  /**
   * @param transport the guarded transport, for the public {@code describeRepo}
   * @param appView the AppView service reference the PDS proxies the profile to, or null
   */
  Pds(HttpTransport transport, String appView) {
    this.transport = transport;
    this.appView = appView;
  }

  /**
   * The account's profile for {@code userJson}, as an {@code
   * app.bsky.actor.defs#profileViewDetailed}. Never fails: the login is already proven, and a PDS
   * whose AppView is elsewhere, unreachable or absent must not stop it. Without the profile, the
   * PDS's own {@code describeRepo} (public) gives the handle, and failing that the DID document's
   * claim, or none.
   *
   * @param t the transport that signs the call as the login requires (DPoP for OAuth)
   * @param authorization the {@code Authorization} header value
   * @param claimedHandle the handle the DID document claims, or null
   */
  JsonNode profile(
      HttpTransport t, URI pds, String did, String authorization, String claimedHandle) {
    ObjectNode typed = Json.object();
    typed.put("$type", "app.bsky.actor.defs#profileViewDetailed");
    try {
      typed.setAll(getProfile(t, pds, did, authorization));
      return typed;
    } catch (ProviderException | BadRequestException e) {
      LOG.info("bluesky profile of {} unavailable, using its repo: {}", did, e.getMessage());
    }
    typed.put("did", did);
    String handle = claimedHandle;
    try {
      URI url =
          URI.create(
              pds + "/xrpc/com.atproto.repo.describeRepo?" + Form.encode(Map.of("repo", did)));
      JsonNode repo =
          AtprotoHttp.json(
              AtprotoHttp.send(transport, HttpCall.get(url), "bluesky PDS"), "the PDS");
      if (did.equals(Json.text(repo, "did")) && Json.text(repo, "handle") != null) {
        handle = Json.text(repo, "handle");
      }
    } catch (ProviderException | BadRequestException e) {
      LOG.info("bluesky repo of {} undescribed: {}", did, e.getMessage());
    }
    if (handle != null) {
      typed.put("handle", handle);
    }
    return typed;
  }

  private ObjectNode getProfile(HttpTransport t, URI pds, String did, String authorization) {
    URI url =
        URI.create(pds + "/xrpc/app.bsky.actor.getProfile?" + Form.encode(Map.of("actor", did)));
    HttpCall call =
        HttpCall.get(url)
            .header("Authorization", authorization)
            .header("Accept", "application/json");
    if (appView != null) {
      call = call.header("atproto-proxy", appView);
    }
    JsonNode profile = AtprotoHttp.json(AtprotoHttp.send(t, call, "bluesky PDS"), "the PDS");
    if (!did.equals(Json.text(profile, "did"))) {
      throw new ProviderException("bluesky profile is of another account");
    }
    return (ObjectNode) profile;
  }
}
