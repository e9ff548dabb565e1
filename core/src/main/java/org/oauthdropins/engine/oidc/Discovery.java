package org.oauthdropins.engine.oidc;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.Client;
import org.oauthdropins.engine.oauth2.ClientSource;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.engine.oauth2.ServerSource;
import org.oauthdropins.engine.oauth2.TokenCheck;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * The OAuth 2 pipeline's parts for a provider known by its issuer alone: the server (endpoints,
 * PAR, RFC 9207), the client's authentication method, the ID token check and the userinfo endpoint,
 * all from the discovery document. The document is read when a login first needs it; a failed read
 * is not remembered, so the next login tries again. Loading stored logins and signing their calls
 * need no discovery.
 */
final class Discovery implements ServerSource, TokenCheck {

  /** What one discovery found, and the check built on it. */
  private record Found(OidcProvider provider, IdTokenCheck check, IdTokenVerifier verifier) {}

  private final String site;
  private final String issuer;
  private final String clientId;
  private final HttpTransport transport;
  private final Clock clock;
  private final AtomicReference<Found> found = new AtomicReference<>();

  /**
   * @param site the site name, for messages
   * @param issuer the issuer identifier
   * @param clientId the client id ID tokens must be for
   * @param transport how the provider's keys are fetched
   * @param clock the clock of ID token checks
   */
  Discovery(String site, String issuer, String clientId, HttpTransport transport, Clock clock) {
    this.site = site;
    this.issuer = issuer;
    this.clientId = clientId;
    this.transport = transport;
    this.clock = clock;
  }

  /** The provider, discovered now if no login has yet. */
  private Found found(HttpTransport net) {
    Found f = found.get();
    if (f != null) {
      return f;
    }
    // Discovery runs outside any lock; if two logins race, the first one stored wins.
    OidcProvider provider = OidcProvider.discover(issuer, net);
    IdTokenVerifier verifier =
        new IdTokenVerifier(
            site,
            provider.acceptedIssuers(),
            provider.issuerTemplate(),
            clientId,
            new Jwks(site, provider.jwksUri(), transport, clock),
            clock);
    found.compareAndSet(
        null, new Found(provider, new IdTokenCheck(site, true, verifier), verifier));
    return found.get();
  }

  @Override
  public Server find(AuthorizeRequest request, HttpTransport net) {
    return current(net);
  }

  @Override
  public boolean perLogin() {
    return false;
  }

  @Override
  public Server current(HttpTransport net) {
    return found(net).provider().server();
  }

  @Override
  public Optional<Server> of(AuthRecord record, HttpTransport net) {
    return Optional.of(current(net));
  }

  @Override
  public void check(TokenResponse token, String nonce) {
    check(token, nonce, FetchBudget.NONE);
  }

  /**
   * Within the callback's budget: the signing keys' fetch, as every other fetch of the callback.
   */
  @Override
  public void check(TokenResponse token, String nonce, FetchBudget budget) {
    found(budget.within(transport)).check().check(token, nonce, budget);
  }

  @Override
  public void checkRefresh(TokenResponse token, AuthRecord record) {
    found(transport).check().checkRefresh(token, record);
  }

  /** What logging out needs: the provider's end-session endpoint and its tokens' check. */
  OidcLogout.Parts logoutParts() {
    Found f = found(transport);
    return new OidcLogout.Parts(f.provider(), f.verifier());
  }

  /** The userinfo profile, from the endpoint the document names (the ID token without one). */
  ProfileLoader userinfo() {
    return (net, token) ->
        Oidc.userinfo(site, found(transport).provider().userinfoEndpoint()).load(net, token);
  }

  /** The app's client, authenticating as the document says the provider takes. */
  ClientSource clients(Credentials credentials) {
    return new ClientSource() {
      @Override
      public Client client(AuthorizeRequest request, Server server, HttpTransport net) {
        return of(found(net).provider());
      }

      @Override
      public boolean perLogin() {
        return false;
      }

      @Override
      public Client current() {
        return of(found(transport).provider());
      }

      @Override
      public Optional<Client> of(AuthRecord record, Server server, AuthStore store) {
        return Optional.of(current());
      }

      private Client of(OidcProvider provider) {
        return new Client(credentials.clientId(), provider.clientAuth(), credentials::clientSecret);
      }
    };
  }

  @Override
  public String toString() {
    return "Discovery[" + site + " " + issuer + "]";
  }
}
