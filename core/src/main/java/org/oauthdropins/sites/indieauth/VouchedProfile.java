package org.oauthdropins.sites.indieauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.jsoup.nodes.Document;
import org.oauthdropins.engine.oauth2.Identity;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.http.Json;

/**
 * The IndieAuth part that says who logged in: the {@code me} the server answered with, if the
 * server may vouch for it (§5.4), with the representative h-card and the {@code rel=me} links of
 * that page as the profile. The login's extra data keeps the client id and the server, which
 * refresh reads back ({@link ClientIdUrl}, {@link DeclaredServer}), and the scope granted.
 */
final class VouchedProfile implements Identity {

  /** Keys of the stored login's extra data, as earlier versions wrote them. */
  static final String AUTHORIZATION_ENDPOINT = "authorization_endpoint";

  static final String TOKEN_ENDPOINT = "token_endpoint";
  static final String ISSUER = "issuer";

  @Override
  public Who who(Exchanged login) {
    GuardedTransport transport = GuardedTransport.of(login.transport());
    Server server = login.server();
    JsonNode answer = login.token().json();
    Facts facts = Facts.of(login);
    URI me = verifiedMe(answer, server, facts.seen(), transport);

    ObjectNode user = Json.object();
    user.put("me", me.toString());
    profile(me, user, transport);
    if (answer.path("profile").isObject()) {
      user.set("profile", answer.path("profile"));
    }
    ObjectNode extra = Json.object();
    extra.put(OAuthParameters.CLIENT_ID, login.client().clientId());
    extra.put(AUTHORIZATION_ENDPOINT, server.authorizationEndpoint().toString());
    extra.put(
        TOKEN_ENDPOINT, server.tokenEndpoint() == null ? null : server.tokenEndpoint().toString());
    extra.put(ISSUER, server.issuer());
    // A profile-only redemption (no token endpoint) grants no scope of its own.
    String granted = server.tokenEndpoint() == null ? null : login.token().scope();
    extra.put(OAuthParameters.SCOPE, granted != null ? granted : facts.scope());
    return new Who(me.toString(), user, extra);
  }

  /**
   * The {@code me} the server vouched for, if it may (§5.4): the URL the user typed or one seen
   * while discovering it, or a profile URL that declares exactly the server that answered: its
   * issuer, its authorization endpoint and, if one redeemed the code, its token endpoint.
   */
  private static URI verifiedMe(
      JsonNode answer, Server server, String seenUrls, GuardedTransport transport) {
    String returned = Json.text(answer, "me");
    if (returned == null) {
      throw new ProviderException("indieauth server did not say who signed in (no me)");
    }
    URI me;
    try {
      me = ProfileUrls.returned(returned, transport.policy().allowLoopback());
    } catch (IllegalArgumentException e) {
      throw new ProviderException("indieauth server returned an invalid me: " + e.getMessage());
    }
    for (JsonNode seen : Json.parse(seenUrls)) {
      if (seen.asText().equals(me.toString())) {
        return me;
      }
    }
    // The server has a token endpoint only when the code was redeemed there.
    Discovery.Server answered =
        new Discovery.Server(
            server.issuer(), server.authorizationEndpoint(), server.tokenEndpoint());
    // A URL that declares no server is not the hosted service's to vouch for: no fallback here.
    Discovery.Server declared = DeclaredServer.discover(me, transport, false, null).server();
    if (!declared.confirms(answered)) {
      throw new ProviderException(
          "the authorization server vouched for "
              + me
              + ", which does not declare that server; refused");
    }
    return me;
  }

  /**
   * What {@link DeclaredServer} learnt at the start: the URLs seen (a JSON array, the typed one
   * first) and the scope asked for.
   */
  private record Facts(String seen, String scope) {
    /**
     * The login's facts: the server's, or for a login started before IndieAuth ran on the pipeline,
     * its pending data as that version kept it.
     */
    static Facts of(Exchanged login) {
      Server server = login.server();
      String seen = server.fact(DeclaredServer.SEEN);
      if (seen != null) {
        return new Facts(seen, server.fact(DeclaredServer.SCOPE));
      }
      IndieAuthSite.IndieAuthLogin earlier;
      try {
        earlier = login.request().data(IndieAuthSite.IndieAuthLogin.class);
      } catch (IllegalStateException e) {
        throw new BadRequestException("the pending login is unusable; sign in again");
      }
      return new Facts(earlier.seen(), earlier.scope());
    }
  }

  /** Adds the representative h-card and rel=me links of the user's page, where it has them. */
  private static void profile(URI me, ObjectNode user, GuardedTransport transport) {
    ArrayNode relMe = user.putArray("rel-me");
    HttpResult page;
    try {
      page = transport.send(HttpCall.get(me).header("Accept", "text/html"));
    } catch (IOException e) {
      return; // the login stands; the profile is decoration
    }
    Document html = page.ok() ? Discovery.html(page) : null;
    if (html == null) {
      return;
    }
    List<String> links = Microformats.relMe(html);
    links.forEach(relMe::add);
    ObjectNode card = Microformats.representativeHCard(html, me.toString(), links);
    if (card != null) {
      user.set("h-card", card);
    }
  }
}
