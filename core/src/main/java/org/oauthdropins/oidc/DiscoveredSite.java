package org.oauthdropins.oidc;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.LoginListener;
import org.oauthdropins.LoginResult;
import org.oauthdropins.Site;
import org.oauthdropins.http.Form;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.oauth2.OAuth2Site;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A generic OpenID Connect site whose endpoints come from discovery, done at the first login that
 * needs them. Loading and signing with stored logins need no discovery.
 */
final class DiscoveredSite implements Site<OidcAuth> {

  /** The scope that asks for a refresh token (OpenID Connect Core 1.0 §11). */
  static final String OFFLINE_ACCESS = "offline_access";

  private final String name;
  private final String kind;
  private final Button button;
  private final String issuer;
  private final Credentials credentials;
  private final HttpTransport transport;
  private final LoginListener listener;
  private final AtomicReference<OAuth2Site<OidcAuth>> engine = new AtomicReference<>();

  DiscoveredSite(
      String name,
      String kind,
      Button button,
      String issuer,
      Credentials credentials,
      HttpTransport transport,
      LoginListener listener) {
    this.name = name;
    this.kind = kind;
    this.button = button;
    this.issuer = issuer;
    this.credentials = credentials;
    this.transport = transport;
    this.listener = listener;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public LoginListener listener() {
    return listener;
  }

  @Override
  public Button button() {
    return button;
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    return consentForOfflineAccess(engine().authorize(request));
  }

  /**
   * Adds {@code prompt=consent} to an authorization request for {@code offline_access}: OpenID
   * Connect Core 1.0 §11 says such a request must carry it, and providers that follow that rule
   * (oidc-provider among them) otherwise drop the scope and issue no refresh token. A prompt
   * already in the request is left as it is.
   */
  static Authorization consentForOfflineAccess(Authorization a) {
    Map<String, String> q = Form.decode(a.location().getRawQuery());
    String scope = q.getOrDefault("scope", "");
    if (q.containsKey("prompt") || !Arrays.asList(scope.split(" ")).contains(OFFLINE_ACCESS)) {
      return a;
    }
    URI withPrompt =
        URI.create(Form.appendQuery(a.location().toString(), Map.of("prompt", "consent")));
    return new Authorization(withPrompt, a.redirectUri(), a.data());
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    return engine().complete(request);
  }

  @Override
  public OidcAuth entity(AuthRecord record, AuthStore store) {
    return new OidcAuth(this, record, store, transport);
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return OAuth2Site.bearer(call, record);
  }

  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    return engine().refresh(record, store);
  }

  /**
   * The engine, after discovery; a failed discovery is not remembered, so the next login retries.
   */
  private OAuth2Site<OidcAuth> engine() {
    OAuth2Site<OidcAuth> e = engine.get();
    if (e != null) {
      return e;
    }
    // Discovery runs outside any lock; if two logins race, the first engine stored wins.
    OidcProvider provider = OidcProvider.discover(issuer, transport);
    OAuth2Site<OidcAuth> built =
        Oidc.builder(name, kind, provider, credentials, transport)
            .button(button)
            .listener(listener)
            .defaultScopes(Oidc.GENERIC_SCOPES)
            .build();
    engine.compareAndSet(null, built);
    return engine.get();
  }

  @Override
  public String toString() {
    return "OidcSite[" + name + " " + issuer + "]";
  }
}
