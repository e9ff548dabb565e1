package org.oauthdropins.engine.oauth2.atproto;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.engine.oauth2.ServerSource;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;

/**
 * The atproto identity chain as a part of the OAuth 2 pipeline: from the handle (or DID) the user
 * typed to the server that logs them in. Handle → DID (DNS TXT, then HTTPS well known), DID → DID
 * document → PDS (did:plc through the PLC directory, did:web), PDS → protected resource metadata →
 * authorization server metadata, each URL checked and fetched through the transport it is given
 * (the site's SSRF guard). The server found requires pushed requests and sends {@code iss}; its
 * facts name the account ({@value #DID}, {@value #PDS}, {@value #HANDLE}) for the parts that check
 * the token and fetch the profile.
 *
 * @param plc the PLC directory, e.g. {@code https://plc.directory}; null in development mode to use
 *     the one the development PDS uses (through its {@code com.atproto.repo.describeRepo})
 * @param txt how DNS TXT records are looked up
 * @param devPds in development mode, the PDS whose {@code com.atproto.identity.resolveHandle}
 *     resolves handles; null otherwise
 * @param devMode whether plain http, loopback addresses and {@code .test} handles are allowed
 */
public record IdentityChain(URI plc, TxtResolver txt, URI devPds, boolean devMode)
    implements ServerSource {

  /** The start form's field with what the user typed. */
  public static final String PARAM = "handle";

  /** The fact with the account's DID: the token's {@code sub} must be it. */
  public static final String DID = "did";

  /** The fact with the account's PDS, where API calls go. */
  public static final String PDS = "pds";

  /** The fact with the handle the DID document claims, absent if it claims none. */
  public static final String HANDLE = "handle";

  /** The fact with what the user typed, checked: the authorization request's {@code login_hint}. */
  public static final String LOGIN_HINT = "login_hint";

  /** Makes the value, checking its components. */
  public IdentityChain {
    Objects.requireNonNull(txt, "txt");
    if (plc == null && devPds == null) {
      throw new IllegalArgumentException("a PLC directory is needed outside a development PDS");
    }
    if (plc != null && !devMode && !"https".equals(plc.getScheme())) {
      throw new IllegalArgumentException(
          "the PLC directory must be https outside development mode");
    }
  }

  /**
   * An account as its DID document describes it.
   *
   * @param did the account's DID
   * @param pds the account's PDS (an origin)
   * @param handle the handle the DID document claims, or null; not verified in reverse, so only a
   *     label for when the PDS cannot say better
   */
  public record Account(String did, URI pds, String handle) {}

  /**
   * What the user typed, as a handle (or a DID), normalized and checked.
   *
   * @throws org.oauthdropins.errors.BadRequestException if it is missing or neither a handle nor a
   *     usable DID
   */
  public String handle(String input) {
    return Handles.checked(input, devMode);
  }

  /**
   * The account a checked handle (or DID) names, and its PDS.
   *
   * @param transport how everything is fetched: the site's guarded transport
   * @throws org.oauthdropins.errors.BadRequestException if the handle names no account, or leads
   *     where the guard will not go
   * @throws org.oauthdropins.errors.ProviderException if a directory or the PDS fails
   */
  public Account account(String handle, HttpTransport transport) {
    Resolver resolver = resolver(transport);
    String did = handle.startsWith("did:") ? handle : resolver.did(handle);
    Resolver.Identity who = resolver.identity(did);
    return new Account(who.did(), who.pds(), who.handle());
  }

  @Override
  public Server find(AuthorizeRequest request, HttpTransport transport) {
    String hint = handle(request.web().parameter(PARAM).orElse(null));
    Account account = account(hint, transport);
    Resolver.AuthServer as = resolver(transport).authServer(account.pds());
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(DID, account.did());
    facts.put(PDS, account.pds().toString());
    if (account.handle() != null) {
      facts.put(HANDLE, account.handle());
    }
    facts.put(LOGIN_HINT, hint);
    // atproto servers must support RFC 9207 and take pushed requests only.
    return new Server(
        as.authorizationEndpoint(),
        as.tokenEndpoint(),
        as.parEndpoint(),
        as.issuer(),
        true,
        true,
        facts);
  }

  /** The account the user typed, as the authorization request's {@code login_hint}. */
  @Override
  public Map<String, String> authorizeParams(Server server) {
    String hint = server.fact(LOGIN_HINT);
    return hint == null ? Map.of() : Map.of(OAuthParameters.LOGIN_HINT, hint);
  }

  /**
   * The server of a stored OAuth login, from what its extra JSON kept ({@link AtprotoIdentity}
   * writes it, in the layout stores have always had): the issuer and token endpoint it logged in
   * with (a login refreshes where it was issued, even if the PDS has moved since). The
   * authorization endpoint is not kept; a stored login never sends a browser there, so the issuer
   * stands for it. Empty for a login stored without them (one the Python library made).
   */
  @Override
  public Optional<Server> of(AuthRecord record, HttpTransport transport) {
    if (record.extraJson() == null) {
      return Optional.empty();
    }
    JsonNode extra = Json.parse(record.extraJson());
    String issuer = Json.text(extra, "issuer");
    String tokenEndpoint = Json.text(extra, "token_endpoint");
    String pds = Json.text(extra, "pds_url");
    if (issuer == null || tokenEndpoint == null || pds == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Server(
            URI.create(issuer),
            URI.create(tokenEndpoint),
            null,
            issuer,
            true,
            false,
            Map.of(DID, record.key().id(), PDS, pds)));
  }

  private Resolver resolver(HttpTransport transport) {
    return new Resolver(transport, plc, txt, devPds, devMode);
  }
}
