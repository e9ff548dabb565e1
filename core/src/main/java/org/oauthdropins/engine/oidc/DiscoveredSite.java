package org.oauthdropins.engine.oidc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.LoginResult;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A generic OpenID Connect site whose endpoints come from discovery, done at the first login that
 * needs them. Loading and signing with stored logins need no discovery.
 */
final class DiscoveredSite extends AbstractSite<OidcAuth> {

  /** The scope that asks for a refresh token (OpenID Connect Core 1.0 §11). */
  static final String OFFLINE_ACCESS = "offline_access";

  private final String issuer;
  private final AtomicReference<OAuth2Site<OidcAuth>> engine = new AtomicReference<>();

  private DiscoveredSite(Builder b) {
    super(b, UnaryOperator.identity());
    this.issuer = Objects.requireNonNull(b.issuer, "issuer");
  }

  /**
   * Starts a site definition.
   *
   * @param issuer the issuer identifier, whose discovery document names the endpoints
   */
  static Builder builder(String name, String kind, String issuer) {
    return new Builder(name, kind, issuer);
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    return engine(request.within(transport())).authorize(request);
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    return engine(request.within(transport())).complete(request);
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return OAuth2Site.bearer(call, record);
  }

  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    return engine(transport()).refresh(record, store);
  }

  /**
   * The engine, after discovery; a failed discovery is not remembered, so the next login retries.
   * It reaches the provider, keeps time and reports as this site does.
   */
  private OAuth2Site<OidcAuth> engine(HttpTransport discovery) {
    OAuth2Site<OidcAuth> e = engine.get();
    if (e != null) {
      return e;
    }
    // Discovery runs outside any lock; if two logins race, the first engine stored wins.
    OidcProvider provider = OidcProvider.discover(issuer, discovery);
    OAuth2Site<OidcAuth> built =
        Oidc.builder(name(), kind(), provider, credentials(), transport())
            .button(button())
            .listener(listener())
            .clock(clock())
            .defaultScopes(Oidc.GENERIC_SCOPES)
            .build();
    engine.compareAndSet(null, built);
    return engine.get();
  }

  @Override
  public String toString() {
    return "OidcSite[" + name() + " " + issuer + "]";
  }

  /** Configures a {@link DiscoveredSite}. */
  static final class Builder extends AbstractSite.Builder<OidcAuth, Builder> {
    private final String issuer;

    private Builder(String name, String kind, String issuer) {
      super(name, kind, OidcAuth::new);
      this.issuer = issuer;
    }

    @Override
    protected Builder self() {
      return this;
    }

    DiscoveredSite build() {
      return new DiscoveredSite(this);
    }
  }
}
