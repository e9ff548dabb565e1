package org.oauthdropins.sites.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.oauthdropins.engine.oauth2.atproto.AtprotoHttp;
import org.oauthdropins.engine.oauth2.atproto.IdentityChain;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/**
 * The legacy app-password session ({@code com.atproto.server.createSession} and {@code
 * refreshSession}): the password goes to the user's PDS once and is never kept; the session's
 * tokens are plain bearer tokens, and its refresh token is single-use.
 */
final class AppPasswordSession {

  /** The {@code auth} value of a stored app-password login's extra JSON. */
  static final String AUTH = "password";

  private final HttpTransport transport;
  private final IdentityChain chain;
  private final Pds pds;

  AppPasswordSession(HttpTransport transport, IdentityChain chain, Pds pds) {
    this.transport = transport;
    this.chain = chain;
    this.pds = pds;
  }

  /**
   * Logs in with a checked handle (or DID) and an app password: the record to store.
   *
   * @param budget the time budget of the browser request, for every fetch of the login
   * @throws BadRequestException if the password is missing or wrong
   */
  AuthRecord login(String handle, String password, String kind, String site, FetchBudget budget) {
    if (password == null || password.isBlank()) {
      throw new BadRequestException("missing app password");
    }
    HttpTransport net = transport.within(budget);
    IdentityChain.Account who = chain.account(handle, net);
    String did = who.did();
    URI pdsUrl = who.pds();
    HttpResult r =
        AtprotoHttp.send(
            net,
            HttpCall.postJson(
                URI.create(pdsUrl + "/xrpc/com.atproto.server.createSession"),
                Map.of("identifier", handle, "password", password.strip())),
            "bluesky PDS");
    if (r.status() == 401 || r.status() == 400) {
      throw new BadRequestException(
          AtprotoHttp.refusal("bluesky refused the login", r, "message").getMessage());
    }
    Session session = session(r);
    if (!session.complete() || !did.equals(session.did())) {
      throw new ProviderException("bluesky createSession answered no session for " + did);
    }
    JsonNode profile = pds.profile(net, pdsUrl, did, "Bearer " + session.access(), who.handle());
    ObjectNode extra = Json.object();
    extra.put("auth", AUTH);
    extra.put("pds_url", pdsUrl.toString());
    return AuthRecord.of(
        new Key(kind, did),
        site,
        new AccessToken.Bearer(session.access()),
        session.refresh(),
        null,
        profile.toString(),
        extra.toString());
  }

  /** Spends the session's single-use refresh token for a new session. */
  AuthRecord refresh(AuthRecord record) {
    URI url =
        URI.create(
            Json.text(Json.parse(record.extraJson()), "pds_url")
                + "/xrpc/com.atproto.server.refreshSession");
    HttpCall call =
        new HttpCall("POST", url, List.of(), null)
            .header("Authorization", "Bearer " + record.refreshToken());
    HttpResult r = AtprotoHttp.send(transport, call, "bluesky PDS");
    if (!r.ok()) {
      throw new ProviderException("bluesky refused to refresh the session: HTTP " + r.status());
    }
    Session session = session(r);
    if (!session.complete()) {
      throw new ProviderException("bluesky refreshSession answered no session");
    }
    return record.withTokens(new AccessToken.Bearer(session.access()), session.refresh(), null);
  }

  /**
   * Ends the session at its PDS ({@code com.atproto.server.deleteSession}, which takes the
   * session's refresh token): both its tokens stop working.
   */
  boolean delete(AuthRecord record) {
    if (record.refreshToken() == null) {
      return false;
    }
    URI url =
        URI.create(
            Json.text(Json.parse(record.extraJson()), "pds_url")
                + "/xrpc/com.atproto.server.deleteSession");
    HttpCall call =
        new HttpCall("POST", url, List.of(), null)
            .header("Authorization", "Bearer " + record.refreshToken());
    org.oauthdropins.internal.revoke.Revoked.send("bluesky", call, transport, true, 0);
    return true;
  }

  /** A session's tokens and account, any of them null if missing; printed without the tokens. */
  private record Session(String access, String refresh, String did) {
    boolean complete() {
      return access != null && refresh != null;
    }

    @Override
    public String toString() {
      return "Session[did=" + did + "]";
    }
  }

  private static Session session(HttpResult r) {
    JsonNode session = AtprotoHttp.json(r, "the PDS");
    return new Session(
        Json.text(session, "accessJwt"),
        Json.text(session, "refreshJwt"),
        Json.text(session, "did"));
  }
}
