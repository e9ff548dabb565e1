package org.oauthdropins.engine.oauth2.atproto;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;

/**
 * From what a user typed to the server that logs them in: handle → DID (DNS TXT, then HTTPS well
 * known), DID → DID document → PDS (did:plc through the PLC directory, did:web), PDS → protected
 * resource metadata → authorization server metadata (atproto specs "Handle", "DID", "OAuth"). Every
 * URL that the user's input leads to passes {@link UserUrls}.
 *
 * @param transport how everything is fetched (the app's guarded transport)
 * @param plc the PLC directory, e.g. {@code https://plc.directory}; null in development mode when
 *     the app named none, to use the one the development PDS uses (through its {@code
 *     com.atproto.repo.describeRepo}, which answers the DID document as the PDS resolved it)
 * @param txt how DNS TXT records are looked up
 * @param devPds in development mode, the PDS whose {@code com.atproto.identity.resolveHandle}
 *     resolves handles; null otherwise
 * @param devMode whether plain http and loopback addresses are allowed
 */
record Resolver(HttpTransport transport, URI plc, TxtResolver txt, URI devPds, boolean devMode) {

  /**
   * Who a DID is and where their data lives.
   *
   * @param handle the handle the DID document claims ({@code alsoKnownAs at://...}), or null; not
   *     verified in reverse, so it is only a label for when the PDS cannot say better
   */
  record Identity(String did, URI pds, String handle) {}

  /**
   * An atproto authorization server's metadata, checked.
   *
   * @param issuer its origin
   * @param authorizationEndpoint where the browser goes
   * @param tokenEndpoint token requests
   * @param parEndpoint pushed authorization requests
   */
  record AuthServer(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI parEndpoint) {}

  /** The DID a handle names. */
  String did(String handle) {
    if (devPds != null) {
      URI uri =
          URI.create(
              devPds
                  + "/xrpc/com.atproto.identity.resolveHandle?"
                  + Form.encode(java.util.Map.of("handle", handle)));
      HttpResult r = get(uri, "the development PDS");
      if (r.status() == 400) {
        throw new BadRequestException("no account with the handle " + handle);
      }
      return checkedDid(Json.text(AtprotoHttp.json(r, "the development PDS"), "did"), handle);
    }
    Set<String> dids = new LinkedHashSet<>();
    try {
      for (String record : txt.txt("_atproto." + handle)) {
        if (record.startsWith("did=")) {
          dids.add(record.substring(4).strip());
        }
      }
    } catch (IOException e) {
      // DNS failing is no answer; the HTTPS method may still work.
    }
    if (dids.size() > 1) {
      throw new BadRequestException("the handle " + handle + " names more than one DID");
    }
    if (dids.size() == 1) {
      return checkedDid(dids.iterator().next(), handle);
    }
    URI wellKnown =
        UserUrls.check("https://" + handle + "/.well-known/atproto-did", false, "the handle");
    HttpResult r;
    try {
      r = transport.send(HttpCall.get(wellKnown));
    } catch (UnsafeUrlException e) {
      throw AtprotoHttp.refused("the handle", e);
    } catch (IOException e) {
      throw new BadRequestException("the handle " + handle + " could not be resolved");
    }
    if (!r.ok()) {
      throw new BadRequestException("the handle " + handle + " could not be resolved");
    }
    return checkedDid(r.text().strip(), handle);
  }

  private static String checkedDid(String did, String handle) {
    if (!Handles.validDid(did)) {
      throw new BadRequestException("the handle " + handle + " names no usable DID");
    }
    return did;
  }

  /** The DID document's PDS. */
  Identity identity(String did) {
    URI docUrl;
    if (did.startsWith("did:plc:") && plc == null) {
      URI uri =
          URI.create(
              devPds
                  + "/xrpc/com.atproto.repo.describeRepo?"
                  + Form.encode(java.util.Map.of("repo", did)));
      JsonNode repo = AtprotoHttp.json(get(uri, "the development PDS"), "the development PDS");
      return identity(did, repo.path("didDoc"));
    } else if (did.startsWith("did:plc:")) {
      docUrl = URI.create(plc + "/" + did);
    } else {
      String host = did.substring("did:web:".length()).replace("%3A", ":").replace("%3a", ":");
      boolean local = host.startsWith("localhost:") || host.equals("localhost");
      if (host.contains(":") && !(devMode && local)) {
        throw new BadRequestException("a did:web may name a port only for localhost");
      }
      String scheme = devMode && local ? "http" : "https";
      docUrl = UserUrls.check(scheme + "://" + host + "/.well-known/did.json", devMode, "did:web");
    }
    return identity(did, AtprotoHttp.json(get(docUrl, "the DID directory"), "the DID directory"));
  }

  private Identity identity(String did, JsonNode doc) {
    if (!did.equals(Json.text(doc, "id"))) {
      throw new ProviderException("the DID document of " + did + " is for another DID");
    }
    for (JsonNode service : doc.path("service")) {
      String id = Json.text(service, "id");
      if (("#atproto_pds".equals(id) || (did + "#atproto_pds").equals(id))
          && "AtprotoPersonalDataServer".equals(Json.text(service, "type"))) {
        URI pds = UserUrls.check(Json.text(service, "serviceEndpoint"), devMode, "the PDS");
        return new Identity(did, origin(pds), handle(doc));
      }
    }
    throw new ProviderException("the DID document of " + did + " names no PDS");
  }

  /** The first {@code at://} handle of a DID document's {@code alsoKnownAs}, if it is valid. */
  private String handle(JsonNode doc) {
    for (JsonNode aka : doc.path("alsoKnownAs")) {
      String a = aka.asText("");
      String h = a.startsWith("at://") ? Handles.normalize(a.substring(5)) : "";
      if (Handles.valid(h, devMode)) {
        return h;
      }
    }
    return null;
  }

  /** The authorization server that a PDS trusts, with its metadata checked. */
  AuthServer authServer(URI pds) {
    HttpResult r = get(URI.create(pds + "/.well-known/oauth-protected-resource"), "the PDS");
    if (r.status() != 200) {
      throw new ProviderException("the PDS answered HTTP " + r.status() + " for its metadata");
    }
    JsonNode servers = AtprotoHttp.json(r, "the PDS").path("authorization_servers");
    if (!servers.isArray() || servers.size() != 1 || !servers.get(0).isTextual()) {
      throw new ProviderException("the PDS must name exactly one authorization server");
    }
    URI as = UserUrls.check(servers.get(0).asText(), devMode, "the authorization server");
    String issuer = origin(as).toString();
    if (!issuer.equals(servers.get(0).asText())) {
      throw new ProviderException("the authorization server is not a plain origin");
    }
    HttpResult m =
        get(
            URI.create(issuer + "/.well-known/oauth-authorization-server"),
            "the authorization server");
    if (m.status() != 200) {
      throw new ProviderException(
          "the authorization server answered HTTP " + m.status() + " for its metadata");
    }
    JsonNode meta = AtprotoHttp.json(m, "the authorization server");
    if (!issuer.equals(Json.text(meta, "issuer"))) {
      throw new ProviderException("the authorization server's issuer is not its origin");
    }
    require(meta, "response_types_supported", "code");
    require(meta, "code_challenge_methods_supported", "S256");
    require(meta, "dpop_signing_alg_values_supported", "ES256");
    require(meta, "scopes_supported", "atproto");
    if (!meta.path("authorization_response_iss_parameter_supported").asBoolean(false)) {
      throw new ProviderException("the authorization server does not send iss");
    }
    return new AuthServer(
        issuer,
        endpoint(meta, "authorization_endpoint"),
        endpoint(meta, "token_endpoint"),
        endpoint(meta, "pushed_authorization_request_endpoint"));
  }

  private URI endpoint(JsonNode meta, String field) {
    String url = Json.text(meta, field);
    if (url == null) {
      throw new ProviderException("the authorization server metadata lacks " + field);
    }
    return UserUrls.check(url, devMode, "the authorization server's " + field);
  }

  private static void require(JsonNode meta, String field, String value) {
    for (JsonNode v : meta.path(field)) {
      if (value.equals(v.asText())) {
        return;
      }
    }
    throw new ProviderException("the authorization server does not support " + field + " " + value);
  }

  private HttpResult get(URI uri, String who) {
    return AtprotoHttp.send(transport, HttpCall.get(uri).header("Accept", "application/json"), who);
  }

  /** Scheme, host and port of a URL. */
  static URI origin(URI u) {
    return URI.create(u.getScheme() + "://" + u.getRawAuthority());
  }
}
